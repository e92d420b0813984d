/**
 * Exact web-vital percentiles while a period holds few page views: what @sentry/browser sent
 * (fixtures/web-vitals, recorded from Chromium) reads back unchanged, where the value buckets gave
 * 418 ms for an LCP of 416 ms; beyond EXACT_VIEWS_LIMIT views the report estimates and says so.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebVitalsReport } from '../src/shared/api-web-vitals';
import { webVitalsQueries } from '../src/core/api/web-vitals-queries';
import { RELATIVE_ERROR } from '../src/core/performance/vital-histogram';
import { EXACT_VIEWS_LIMIT } from '../src/core/performance/vital-exact';
import { openDatabase } from '../src/core/store/db';
import { webVitalAggregates } from '../src/core/store/web-vital-aggregates';
import { percentile } from '../src/shared/web-vitals';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/web-vitals/${name}.envelope`, import.meta.url), 'utf8');
/** When the fixtures were captured (epoch s): their times move by the time since, into the report's period. */
const CAPTURED_S = 1795570700;
const movedToNow = (body: string) => {
  const shift = Date.now() / 1000 - CAPTURED_S;
  return body.replace(/"(start_timestamp|end_timestamp|timestamp)":(\d+(?:\.\d+)?)/g, (_, key: string, s: string) => `"${key}":${Number(s) + shift}`);
};

describe('web vitals of a few page views, exact', () => {
  let lookout: TestLookout;
  const send = async (name: string) => {
    const res = await post(`${lookout.url}/api/1/envelope/`, movedToNow(fixture(name)), { 'content-type': 'application/x-sentry-envelope' });
    expect(res.status).toBe(200);
  };
  beforeAll(async () => { lookout = await startTestLookout(); });
  afterAll(async () => { await lookout.stopAndClean(); });

  it('reads one page view\'s vitals back as the SDK sent them', async () => {
    for (const name of ['browser-11-static-1', 'browser-11-static-2']) await send(name);
    const report = await lookout.api<WebVitalsReport>('web-vitals?hours=1');
    expect(report.estimated).toBe(false);
    // The transaction's measurements: LCP 228, INP 272, TTFB 38.5 (a bucket read 228 as ~227.9).
    expect(report.pages[0]?.p75).toMatchObject({ lcp: 228, fcp: 228, inp: 272, ttfb: 38.5 });
    expect(report.overall.p75).toMatchObject({ lcp: 228, inp: 272, ttfb: 38.5 });
  });

  it('interpolates two views\' p75 exactly: 228 + 0.75 × (240 − 228) = 237', async () => {
    for (const name of ['browser-11-stream-1', 'browser-11-stream-2', 'browser-11-stream-3']) await send(name);
    const report = await lookout.api<WebVitalsReport>('web-vitals?hours=1');
    expect(report).toMatchObject({ estimated: false, overall: { views: 2 } });
    expect(report.pages[0]).toMatchObject({ views: 2, counts: { lcp: 2, inp: 2 } });
    expect(report.pages[0]?.p75.lcp).toBe(237);
    expect(report.pages[0]?.p75.inp).toBe(256 + 0.75 * 16);
  });
});

describe('web vitals of many page views, estimated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-vital-exact-'));
  const { db } = openDatabase(dir);
  afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const now = Date.now();

  const sent: { page: string; hour: number; lcp: number; cls: number }[] = [];

  /** `n` page views over the last 20 hours, through the aggregates' ingest side. */
  function addViews(n: number, from: number): void {
    const aggregates = webVitalAggregates(db);
    db.transaction(() => {
      for (let view = from; view < from + n; view++) {
        const at = now - ((view * 7919) % (20 * 3_600_000));
        const values = { page: `/page/${view % 7}`, hour: Math.floor(at / 3_600_000) * 3_600_000, lcp: 400 + ((view * 37) % 3000) + 0.25, cls: ((view * 13) % 400) / 1000 };
        sent.push(values);
        aggregates.addBlock(view.toString(16).padStart(32, '0'), { projectId: 1, page: values.page, vitals: JSON.stringify({ lcp: values.lcp, cls: values.cls }), startMs: at });
      }
    })();
  }

  /** The p75 of what was sent from `fromMs` on, from the values themselves. */
  function sentP75(fromMs: number, page?: string): { lcp: number | null; cls: number | null } {
    const views = sent.filter((v) => v.hour >= fromMs && (page === undefined || v.page === page));
    return { lcp: percentile(views.map((v) => v.lcp), 0.75), cls: percentile(views.map((v) => v.cls), 0.75) };
  }

  it('reads stored values up to the limit, by the hour index', () => {
    addViews(EXACT_VIEWS_LIMIT, 0);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT project_id, page, vitals FROM web_vital_views
      WHERE hour >= @from AND page IS NOT NULL AND (@project IS NULL OR project_id = @project)`).all({ from: now, project: null }) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING INDEX web_vital_views_hour/);
    const vitals = webVitalsQueries(db);
    const started = performance.now();
    const got = vitals.report({ hours: 24, now });
    const ms = performance.now() - started;
    console.log(`web vitals report of ${EXACT_VIEWS_LIMIT} views, exact: ${ms.toFixed(1)} ms`);
    expect(got.estimated).toBe(false);
    expect(got.overall.p75).toEqual(sentP75(got.fromMs));
    for (const page of got.pages) expect(page.p75).toEqual(sentP75(got.fromMs, page.page));
    expect(ms).toBeLessThan(250);
  });

  it('estimates beyond the limit, within the buckets\' error, and says so', () => {
    addViews(10, EXACT_VIEWS_LIMIT);
    const got = webVitalsQueries(db).report({ hours: 24, now });
    expect(got.estimated).toBe(true);
    const exact = sentP75(got.fromMs);
    for (const vital of ['lcp', 'cls'] as const) {
      const value = exact[vital]!;
      expect(Math.abs(got.overall.p75[vital]! - value)).toBeLessThanOrEqual(value * RELATIVE_ERROR * 1.000001 + 1e-9);
    }
    // An estimate is not the value itself here (the LCPs end in .25, between bucket values).
    expect(got.overall.p75.lcp).not.toBe(exact.lcp);
  });
});
