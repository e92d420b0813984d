import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VITALS_BLOCKS_SQL, webVitalsQueries } from '../src/core/api/web-vitals-queries';
import { openDatabase } from '../src/core/store/db';
import { medianTimer } from './helpers/timed';

/**
 * 600,000 span blocks over 30 days: 100,000 page views of 200 pages, each a root block (the page,
 * TTFB, FCP) and a block of its LCP, CLS and INP spans, among 400,000 blocks of backend spans.
 */
const VIEWS = 100_000;
const OTHER_BLOCKS = 400_000;
const PAGES = 200;
const DAY_MS = 86_400_000;
const now = Date.now();

describe('the Web Vitals report at 600,000 span blocks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-vitals-scale-'));
  const { db } = openDatabase(dir);
  const timings: string[] = [];
  const timed = medianTimer(timings);

  beforeAll(() => {
    db.transaction(() => {
      const add = db.prepare(`INSERT INTO span_blocks (project_id, envelope_id, item_index, trace_id, span_count, start_ms, end_ms,
        root_parentless, root_op, root_name, page_name, vitals) VALUES (1, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (let n = 0; n < VIEWS + OTHER_BLOCKS; n++) {
        const at = now - Math.floor(((n * 7919) % 1_000_000) / 1_000_000 * 30 * DAY_MS);
        const trace = n.toString(16).padStart(32, '0');
        if (n % 5 === 0 || n % 5 === 1) {
          // Two of every five blocks: a page view's root, then its web vital spans (same trace and time as the root before it).
          const view = Math.floor(n / 5);
          const viewAt = now - Math.floor(((view * 7919) % 1_000_000) / 1_000_000 * 30 * DAY_MS);
          const viewTrace = `e${view.toString(16).padStart(31, '0')}`;
          const ms = (view % 37) * 100;
          if (n % 5 === 0) add.run(viewTrace, 14, viewAt, viewAt + 3000, 1, 'pageload', 'Pageload', `/page/${view % PAGES}/*`, JSON.stringify({ ttfb: 100 + ms, fcp: 400 + ms }));
          else add.run(viewTrace, 3, viewAt + 10, viewAt + 20, 0, 'ui.webvital.lcp', 'Largest contentful paint', null, JSON.stringify({ lcp: 900 + ms, cls: (view % 9) / 30, inp: 50 + ms / 2 }));
        } else {
          add.run(trace, 40, at, at + 500, 1, 'http.server', 'GET /api/orders', null, null);
        }
      }
    })();
  }, 180_000);

  afterAll(() => {
    console.log(`web vitals, 600,000 span blocks:\n  ${timings.join('\n  ')}`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only the blocks with vitals, through their partial index', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${VITALS_BLOCKS_SQL}`).all({ from: 0, project: 1 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/SEARCH span_blocks USING COVERING INDEX span_blocks_vitals \(start_ms>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('answers a day, a week and 30 days', () => {
    const vitals = webVitalsQueries(db);
    const day = timed('24 hours', () => vitals.report({ hours: 24, project: 1, now }));
    const week = timed('7 days', () => vitals.report({ hours: 168, now }));
    const month = timed('30 days', () => vitals.report({ hours: 720, project: 1, now }));
    // 30 days hold 200,000 vitals blocks: the report reads the newest 100,000 and says so.
    expect(month.value.pages).toHaveLength(100);
    expect(month.value.truncated).toBe(true);
    expect(month.value.overall.views).toBeGreaterThan(45_000);
    expect(week.value.truncated).toBe(false);
    expect(week.value.overall.views).toBeGreaterThan(20_000);
    const page = week.value.pages[0]!;
    expect(page.counts.lcp).toBe(page.views);
    expect(page.p75.cls).toBeGreaterThan(0);
    // A day's report is what the view opens with: well under a frame budget of the server's time.
    expect(day.ms).toBeLessThan(500);
  }, 120_000);
});
