import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webVitalsQueries } from '../src/core/api/web-vitals-queries';
import { BucketCounts, RELATIVE_ERROR, bucketOf, histogramPercentile } from '../src/core/performance/vital-histogram';
import { percentile } from '../src/shared/web-vitals';
import { openDatabase } from '../src/core/store/db';
import { deleteAllData } from '../src/core/store/delete-all';
import { deleteEnvelopes } from '../src/core/store/envelope-delete';
import { webVitalAggregates } from '../src/core/store/web-vital-aggregates';
import { exactReport } from './helpers/web-vitals-reference';

/** A seeded generator: the same mix on every run, many shapes across seeds. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const withinBound = (got: number | null, exact: number | null) =>
  got !== null && exact !== null && Math.abs(got - exact) <= exact * RELATIVE_ERROR * 1.000001 + 1e-6;

describe('vital histograms', () => {
  it('read p75 (and other percentiles) within the stated relative error of the sorted values', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const n = 1 + Math.floor(next() * 300);
      // Times from under a millisecond to minutes, CLS-like fractions, and zeros.
      const values = Array.from({ length: n }, () => {
        const kind = next();
        return kind < 0.1 ? 0 : kind < 0.4 ? next() * 0.5 : Math.exp(next() * 12) - 1;
      });
      const counts = new BucketCounts();
      for (const v of values) counts.add(bucketOf(v), 1);
      for (const p of [0.5, 0.75, 0.9]) {
        const got = histogramPercentile(counts, p);
        const exact = percentile(values, p);
        if (!withinBound(got, exact)) throw new Error(`seed ${seed}, p${p * 100}: ${got} against ${exact}`);
      }
    }
    expect(histogramPercentile(new BucketCounts(), 0.75)).toBeNull();
  });
});

describe('web vital aggregates as blocks arrive and go', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-vital-aggregates-'));
  const { db } = openDatabase(dir);
  afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const now = Date.now();

  it('equal the blocks\' exact figures after out-of-order arrival and after envelopes are deleted', () => {
    const next = random(40);
    const envelope = db.prepare(`INSERT INTO envelopes (received, route, method, project_id, outcome, status, size, headers, body, body_codec)
      VALUES (?, '/api/1/envelope/', 'POST', 1, 'accepted', 200, 1, '{}', X'', 'raw')`);
    const block = db.prepare(`INSERT INTO span_blocks (project_id, envelope_id, item_index, trace_id, span_count, start_ms, end_ms,
      root_parentless, root_op, root_name, page_name, vitals) VALUES (1, ?, 0, ?, 1, ?, ?, 1, 'pageload', 'Pageload', ?, ?)`);
    const aggregates = webVitalAggregates(db);
    const envelopes: number[] = [];
    db.transaction(() => {
      for (let view = 0; view < 3_000; view++) {
        const trace = view.toString(16).padStart(32, '0');
        const at = now - Math.floor(next() * 40 * 3_600_000);
        const parts = [
          { page: `/shop/${view % 13}`, vitals: { ttfb: next() * 900, fcp: 300 + next() * 3000 } },
          { page: null, vitals: { lcp: 500 + next() * 5000, cls: next() < 0.3 ? 0 : next() * 0.4 } },
          // A later CLS, larger (the SDK reports it again as it grows), and an INP.
          { page: null, vitals: { cls: next() * 0.5, inp: next() * 800 } },
        ].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 3));
        for (const part of parts) {
          const envelopeId = Number(envelope.run(now).lastInsertRowid);
          envelopes.push(envelopeId);
          const json = JSON.stringify(part.vitals);
          block.run(envelopeId, trace, at, at + 10, part.page, json);
          aggregates.addBlock(trace, { projectId: 1, page: part.page, vitals: json, startMs: at });
        }
      }
    })();
    const vitals = webVitalsQueries(db);
    const expectExact = () => {
      for (const hours of [1, 24, 48]) {
        const got = vitals.report({ hours, now });
        const exact = exactReport(db, got.fromMs);
        expect(got.overall.views).toBe(exact.overall.views);
        expect(got.overall.score).toBe(exact.overall.score);
        expect(got.pages.map((p) => [p.page, p.views, p.counts, p.score])).toEqual(exact.pages.map((p) => [p.page, p.views, p.counts, p.score]));
        got.pages.forEach((p, i) => {
          for (const [vital, value] of Object.entries(exact.pages[i]!.p75)) expect(withinBound(p.p75[vital as 'lcp']!, value)).toBe(true);
        });
      }
    };
    expectExact();
    expect(vitals.report({ hours: 48, now }).overall.views).toBeGreaterThan(1_000);

    // Retention and "Delete issue" delete envelopes: every fourth here, so views lose their root, their LCP or all of them.
    db.transaction(() => deleteEnvelopes(db, envelopes.filter((_, i) => i % 4 === 0)))();
    expectExact();

    deleteAllData(db);
    expect(vitals.report({ hours: 48, now }).overall.views).toBe(0);
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM web_vital_views) + (SELECT COUNT(*) FROM web_vital_hours) + (SELECT COUNT(*) FROM web_vital_days)')
      .pluck().get()).toBe(0);
  }, 60_000);
});
