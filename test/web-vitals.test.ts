import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, TraceDetail, TraceSummary } from '../src/shared/api-types';
import type { WebVitalsReport } from '../src/shared/api-web-vitals';
import { RELATIVE_ERROR } from '../src/core/performance/vital-histogram';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

/** Envelopes @sentry/browser 11.12 sent from Chromium for a page load of `/products/42` (see fixtures/web-vitals). */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/web-vitals/${name}.envelope`, import.meta.url), 'utf8');
/** When the fixtures were captured (epoch s): their span times move by the time since, so they fall in the report's period. */
const CAPTURED_S = 1795570700;

/** `body` with its span and event times (float seconds) moved to today. */
function movedToNow(body: string): string {
  const shift = Date.now() / 1000 - CAPTURED_S;
  return body.replace(/"(start_timestamp|end_timestamp|timestamp)":(\d+(?:\.\d+)?)/g, (_, key: string, s: string) => `"${key}":${Number(s) + shift}`);
}

describe('web vitals through a real server', () => {
  let lookout: TestLookout;
  let streamedTrace = '';
  let staticTrace = '';
  beforeAll(async () => {
    lookout = await startTestLookout();
    for (const name of ['browser-11-stream-1', 'browser-11-stream-2', 'browser-11-stream-3', 'browser-11-static-1', 'browser-11-static-2']) {
      const body = movedToNow(fixture(name));
      const res = await post(`${lookout.url}/api/1/envelope/`, body, { 'content-type': 'application/x-sentry-envelope' });
      expect(res.status).toBe(200);
      const traceId = /"trace_id":"([0-9a-f]{32})"/.exec(body)![1]!;
      if (name.includes('stream')) streamedTrace = traceId; else staticTrace = traceId;
    }
  });
  afterAll(async () => { await lookout.stopAndClean(); });

  it('lists a streamed page load by its page, not the SDK\'s "Pageload"', async () => {
    const traces = await lookout.api<Page<TraceSummary>>('traces');
    const streamed = traces.items.find((t) => t.traceId === streamedTrace)!;
    expect(streamed.rootOp).toBe('pageload');
    expect(streamed.rootName).toBe('/products/*');
    const found = await lookout.api<Page<TraceSummary>>('traces?query=products');
    expect(found.items.map((t) => t.traceId)).toContain(streamedTrace);
  });

  it('gives each trace its page view\'s vitals and score, from spans and from measurements', async () => {
    const streamed = await lookout.api<TraceDetail>(`traces/${streamedTrace}`);
    expect(streamed.vitals).toMatchObject({ page: '/products/*', values: { lcp: 240, fcp: 240, inp: 256, ttfb: 26.600000001490116 }, score: 94 });
    const transaction = await lookout.api<TraceDetail>(`traces/${staticTrace}`);
    expect(transaction.vitals).toMatchObject({ page: '/products/*', values: { lcp: 228, fcp: 228, inp: 272, ttfb: 38.5 } });
  });

  it('reports the page with p75 of each vital over its two views', async () => {
    const report = await lookout.api<WebVitalsReport>('web-vitals?hours=1');
    expect(report.pages).toHaveLength(1);
    const [page] = report.pages;
    expect(page).toMatchObject({ page: '/products/*', projectId: 1, views: 2, counts: { lcp: 2, inp: 2, cls: 2, fcp: 2, ttfb: 2 } });
    // p75 of two values interpolates three quarters of the way: 228 + 0.75 × 12 = 237 (read from value buckets: within 0.5%).
    expect(Math.abs(page!.p75.lcp! - 237)).toBeLessThanOrEqual(237 * RELATIVE_ERROR);
    expect(Math.abs(page!.p75.inp! - (256 + 0.75 * 16))).toBeLessThanOrEqual((256 + 0.75 * 16) * RELATIVE_ERROR);
    expect(report.overall.views).toBe(2);
    const none = await lookout.api<WebVitalsReport>('web-vitals?hours=24&project=2');
    expect(none.pages).toEqual([]);
  });
});
