import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectPerformanceProblems, performanceTitle } from './detect';
import { N_PLUS_ONE_API_SETTINGS } from './n-plus-one-api';
import { transaction, type SpanSpec } from './test-transactions';

const { count, concurrencyMs, totalDurationMs } = N_PLUS_ONE_API_SETTINGS;

/** `data` as @sentry/browser's fetch spans carry it: the URL without its query, the query apart. */
function spanData(url: string): Record<string, unknown> {
  const [base, query] = url.split('?');
  return { url: base, 'http.method': 'GET', ...(query ? { 'http.query': query } : {}) };
}

/** `n` fetches of `/api/items/<id>` started together (each `startGapMs` after the previous) by a page load. */
function calls(n: number, eachMs: number, opts: { startGapMs?: number; rootOp?: string; ids?: number[]; url?: (id: number) => string } = {}) {
  const url = opts.url ?? ((id: number) => `https://shop.test/api/items/${id}?currency=EUR`);
  const specs: SpanSpec[] = Array.from({ length: n }, (_, i) => {
    const id = opts.ids?.[i] ?? 100 + i;
    return { op: 'http.client', description: `GET ${url(id)}`, durationMs: eachMs, parallel: i > 0 && !opts.startGapMs,
      gapMs: opts.startGapMs ? opts.startGapMs - eachMs : 0, data: spanData(url(id)) };
  });
  return transaction('/products', specs, opts.rootOp ?? 'pageload');
}

describe('N+1 API calls detector (Sentry NPlusOneAPICallsDetector)', () => {
  it('finds parallel GETs of one parameterised URL under one parent', () => {
    const event = calls(10, 40);
    const [problem, ...rest] = detectPerformanceProblems(event);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ issueType: 'performance_n_plus_one_api_calls', op: 'http.client',
      description: 'https://shop.test/api/items/*?currency=*', parentSpanIds: [event.rootSpanId], causeSpanIds: [] });
    expect(problem?.offenderSpanIds).toEqual((event.spans as { span_id: string }[]).map((s) => s.span_id));
    expect(problem?.evidence).toMatchObject({ repeatingSpans: '/api/items/100', numRepeatingSpans: '10',
      parameters: ['currency: EUR, EUR, EUR, EUR, EUR, EUR, EUR, EUR, EUR, EUR'] });
    expect(problem?.evidence.pathParameters).toEqual(Array.from({ length: 10 }, (_, i) => String(100 + i)));
    expect(problem?.totalDurationMs).toBeCloseTo(400, 3);
    expect(performanceTitle(problem!)).toMatchObject({ title: 'N+1 API Call', culprit: '/products' });
  });

  it('thresholds: `count` calls, `totalDurationMs` together, each started within `concurrencyMs`', () => {
    const each = (totalDurationMs + 1) / count;
    expect(detectPerformanceProblems(calls(count, each))).toHaveLength(1);
    expect(detectPerformanceProblems(calls(count - 1, 400))).toEqual([]);
    expect(detectPerformanceProblems(calls(count, (totalDurationMs - 1) / count))).toEqual([]);
    expect(detectPerformanceProblems(calls(count, 100, { startGapMs: concurrencyMs - 1 }))).toHaveLength(1);
    expect(detectPerformanceProblems(calls(count, 100, { startGapMs: concurrencyMs + 1 }))).toEqual([]);
  });

  it('reads only frontend transactions (no trace op, or navigation, pageload, ui.load, ui.action)', () => {
    expect(detectPerformanceProblems(calls(10, 40, { rootOp: 'http.server' }))).toEqual([]);
    expect(detectPerformanceProblems(calls(10, 40, { rootOp: 'navigation' }))).toHaveLength(1);
  });

  it('leaves out URLs with nothing to parameterise, assets and GraphQL', () => {
    expect(detectPerformanceProblems(calls(10, 40, { url: () => 'https://shop.test/api/cart' }))).toEqual([]);
    expect(detectPerformanceProblems(calls(10, 40, { url: (id) => `https://shop.test/img/${id}.png` }))).toEqual([]);
    expect(detectPerformanceProblems(calls(10, 40, { url: (id) => `https://shop.test/graphql/${id}` }))).toEqual([]);
  });

  it('fingerprints by the parameterised path, whatever the ids', () => {
    const a = detectPerformanceProblems(calls(6, 60, { ids: [1, 2, 3, 4, 5, 6] }))[0];
    const b = detectPerformanceProblems(calls(9, 60, { ids: [70, 81, 92, 13, 24, 35, 46, 57, 68] }))[0];
    expect(a?.fingerprint).toBe(`1-1010-${createHash('sha1').update('/api/items/*').digest('hex')}`);
    expect(b?.fingerprint).toBe(a?.fingerprint);
  });
});
