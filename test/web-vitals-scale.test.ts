import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERIOD_ROWS_SQL, webVitalsQueries } from '../src/core/api/web-vitals-queries';
import { RELATIVE_ERROR } from '../src/core/performance/vital-histogram';
import { openDatabase } from '../src/core/store/db';
import { webVitalAggregates } from '../src/core/store/web-vital-aggregates';
import { foldStoredVitals } from '../src/core/store/web-vitals-backfill';
import { medianTimer } from './helpers/timed';
import { exactReport } from './helpers/web-vitals-reference';

/**
 * 600,000 span blocks over 30 days: 100,000 page views of 200 pages, each a root block (the page,
 * TTFB, FCP) and a block of its LCP, CLS and INP spans, among 400,000 blocks of backend spans.
 * The aggregates (migration 040) are filled as the migration fills them, then kept by ingest.
 */
const VIEWS = 100_000;
const OTHER_BLOCKS = 400_000;
const PAGES = 200;
const DAY_MS = 86_400_000;
const now = Date.now();

/** The values of view `n`: spread over a few hundred distinct values, CLS often 0. */
const rootVitals = (n: number) => ({ ttfb: 100 + (n % 37) * 100 + (n % 7) * 3.3, fcp: 400 + (n % 37) * 100 });
const spanVitals = (n: number) => ({ lcp: 900 + (n % 37) * 100 + (n % 11) * 17, cls: (n % 9) / 30, inp: 50 + (n % 37) * 50 + (n % 5) });

describe('the Web Vitals report at 600,000 span blocks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-vitals-scale-'));
  const { db } = openDatabase(dir);
  const timings: string[] = [];
  const timed = medianTimer(timings);
  const add = db.prepare(`INSERT INTO span_blocks (project_id, envelope_id, item_index, trace_id, span_count, start_ms, end_ms,
    root_parentless, root_op, root_name, page_name, vitals) VALUES (1, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  beforeAll(() => {
    db.transaction(() => {
      for (let n = 0; n < VIEWS + OTHER_BLOCKS; n++) {
        const at = now - Math.floor(((n * 7919) % 1_000_000) / 1_000_000 * 30 * DAY_MS);
        const trace = n.toString(16).padStart(32, '0');
        if (n % 5 === 0 || n % 5 === 1) {
          // Two of every five blocks: a page view's root, then its web vital spans (same trace and time as the root before it).
          const view = Math.floor(n / 5);
          const viewAt = now - Math.floor(((view * 7919) % 1_000_000) / 1_000_000 * 30 * DAY_MS);
          const viewTrace = `e${view.toString(16).padStart(31, '0')}`;
          if (n % 5 === 0) add.run(viewTrace, 14, viewAt, viewAt + 3000, 1, 'pageload', 'Pageload', `/page/${view % PAGES}/*`, JSON.stringify(rootVitals(view)));
          else add.run(viewTrace, 3, viewAt + 10, viewAt + 20, 0, 'ui.webvital.lcp', 'Largest contentful paint', null, JSON.stringify(spanVitals(view)));
        } else {
          add.run(trace, 40, at, at + 500, 1, 'http.server', 'GET /api/orders', null, null);
        }
      }
    })();
    // Fresh tables, filled from the blocks' columns as migration 040's step does.
    db.exec('DELETE FROM web_vital_views; DELETE FROM web_vital_hours; DELETE FROM web_vital_days');
    const started = performance.now();
    db.transaction(() => foldStoredVitals(db))();
    timings.push(`migration 040 fold of 200,000 vitals blocks: ${(performance.now() - started).toFixed(0)} ms`);
  }, 240_000);

  afterAll(() => {
    console.log(`web vitals, 600,000 span blocks:\n  ${timings.join('\n  ')}`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the period\'s aggregate rows through their primary keys, without sorting', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${PERIOD_ROWS_SQL}`).all({ from: 0, firstDay: 0, project: 1 }) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/SEARCH web_vital_hours USING PRIMARY KEY \(hour>\? AND hour<\?\)/);
    expect(plan).toMatch(/SEARCH web_vital_days USING PRIMARY KEY \(day>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const rows = db.prepare('SELECT (SELECT COUNT(*) FROM web_vital_hours), (SELECT COUNT(*) FROM web_vital_days)').raw(true).get();
    timings.push(`aggregate rows (hours, days): ${JSON.stringify(rows)}`);
  });

  it('answers a day, a week and 30 days in under 50 ms, every view counted, p75 within the buckets\' error', () => {
    const vitals = webVitalsQueries(db);
    const day = timed('24 hours', () => vitals.report({ hours: 24, project: 1, now }));
    const week = timed('7 days', () => vitals.report({ hours: 168, now }));
    const month = timed('30 days', () => vitals.report({ hours: 720, project: 1, now }));
    for (const { ms } of [day, week, month]) expect(ms).toBeLessThan(50);
    // 30 days hold every view (the old report stopped at the newest 100,000 blocks: ~50,000 views).
    expect(month.value.overall.views).toBe(VIEWS);
    for (const got of [day.value, week.value, month.value]) {
      const exact = exactReport(db, got.fromMs);
      expect(got.overall.views).toBe(exact.overall.views);
      expect(got.overall.score).toBe(exact.overall.score);
      expect(got.pages.map((p) => [p.page, p.views, p.counts, p.score])).toEqual(exact.pages.slice(0, 100).map((p) => [p.page, p.views, p.counts, p.score]));
      got.pages.forEach((p, i) => expectWithin(p.p75, exact.pages[i]!.p75));
      expectWithin(got.overall.p75, exact.overall.p75);
    }
  }, 120_000);

  it('keeps the aggregates at ingest: per page-load block, and equal to the stored blocks after', () => {
    const aggregates = webVitalAggregates(db);
    const fresh = 10_000;
    const load = (withAggregates: boolean) => db.transaction(() => {
      for (let v = 0; v < fresh; v++) {
        const view = VIEWS + v;
        const trace = `f${view.toString(16).padStart(31, '0')}`;
        const at = now - (v % 48) * 3_600_000;
        const root = { page: `/page/${v % PAGES}/*`, vitals: JSON.stringify(rootVitals(view)), startMs: at };
        const spans = { page: null, vitals: JSON.stringify(spanVitals(view)), startMs: at + 10 };
        // One view in three sends its vital spans before its root (a later envelope overtaking it).
        const order = v % 3 === 0 ? [spans, root] : [root, spans];
        for (const b of order) {
          add.run(trace, 3, b.startMs, b.startMs + 10, b === root ? 1 : 0, b === root ? 'pageload' : 'ui.webvital.lcp', 'x', b.page, b.vitals);
          if (withAggregates) aggregates.addBlock(trace, { projectId: 1, ...b });
        }
      }
      if (!withAggregates) throw new RolledBack();
    })();
    const timeOf = (withAggregates: boolean) => {
      const started = performance.now();
      try { load(withAggregates); } catch (err) { if (!(err instanceof RolledBack)) throw err; }
      return ((performance.now() - started) * 1000) / (2 * fresh);
    };
    // The block rows alone first (rolled back), then with the aggregates: the difference is what 040 costs a page-load block.
    const rowsOnly = timeOf(false);
    const withAggregates = timeOf(true);
    timings.push(`ingest, per page-load block: block row ${rowsOnly.toFixed(1)} µs, with aggregates ${withAggregates.toFixed(1)} µs`);
    const report = webVitalsQueries(db).report({ hours: 24, now });
    const exact = exactReport(db, report.fromMs);
    expect(report.overall.views).toBe(exact.overall.views);
    expect(report.pages.map((p) => [p.page, p.views, p.counts, p.score])).toEqual(exact.pages.slice(0, 100).map((p) => [p.page, p.views, p.counts, p.score]));
    report.pages.forEach((p, i) => expectWithin(p.p75, exact.pages[i]!.p75));
  }, 120_000);
});

class RolledBack extends Error {}

/** Each p75 within the histogram's relative error of the exact one (a hair more for floating point). */
function expectWithin(got: Partial<Record<string, number>>, exact: Partial<Record<string, number>>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(exact).sort());
  for (const [vital, value] of Object.entries(exact)) {
    expect(Math.abs(got[vital]! - value!)).toBeLessThanOrEqual(value! * RELATIVE_ERROR * 1.000001 + 1e-9);
  }
}
