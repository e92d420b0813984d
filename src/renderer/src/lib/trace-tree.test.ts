import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../../shared/api-types';
import { barOf, formatDuration, requestPath, spanStatusClass, waterfallRows } from './trace-tree';

function span(spanId: string | null, parentSpanId: string | null, startMs: number, endMs = startMs + 10): TraceSpan {
  return { spanId, parentSpanId, projectId: 1, op: 'op', name: spanId, status: 'ok', startMs, endMs, transactionEventId: null, data: {} };
}

describe('waterfallRows', () => {
  const spans = [span('c', 'a', 30), span('a', null, 0, 100), span('b', 'a', 10), span('d', 'b', 12), span('x', 'missing', 50)];

  it('nests spans under their parents, siblings by start, orphans as roots', () => {
    expect(waterfallRows(spans).map((r) => [r.key, r.depth, r.childCount])).toEqual([
      ['a', 0, 2], ['b', 1, 1], ['d', 2, 0], ['c', 1, 0], ['x', 0, 0],
    ]);
  });

  it('hides the descendants of a collapsed span', () => {
    expect(waterfallRows(spans, new Set(['a'])).map((r) => r.key)).toEqual(['a', 'x']);
    expect(waterfallRows(spans, new Set(['b'])).map((r) => r.key)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('places every span once even in a parent loop or with duplicate and missing ids', () => {
    const odd = [span('p', 'q', 0), span('q', 'p', 1), span('s', 's', 2), span(null, null, 3), span('p', null, 4)];
    const rows = waterfallRows(odd);
    expect(rows).toHaveLength(odd.length);
    expect(new Set(rows.map((r) => r.key)).size).toBe(odd.length);
  });

  it('handles 100,000 nested spans without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : null, i));
    const rows = waterfallRows(chain);
    expect(rows.at(-1)).toMatchObject({ key: 's99999', depth: 99_999 });
  });
});

describe('span helpers', () => {
  it('classes statuses', () => {
    expect(['ok', 'unset', null, 'cancelled', 'error', 'internal_error'].map((s) => spanStatusClass(s))).toEqual(['ok', 'ok', 'ok', 'warn', 'error', 'error']);
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0ms');
    expect([0.42, 12.34, 250.4, 1250, 123_000, 7_500_000, -1, null].map((v) => formatDuration(v))).toEqual(
      ['0.42ms', '12.3ms', '250ms', '1.25s', '2m 03s', '2h 05m', '—', '—']);
  });

  it('positions bars inside the trace', () => {
    expect(barOf(span('a', null, 50, 75), 0, 100)).toEqual({ left: 50, width: 25 });
    expect(barOf(span('a', null, 90, 500), 0, 100)).toEqual({ left: 90, width: 10 });
    expect(barOf(span('a', null, 5), 5, 0)).toEqual({ left: 0, width: 100 });
  });
});

describe('requestPath', () => {
  const http = (name: string, data: Record<string, unknown>): TraceSpan => ({ ...span('s', null, 0), op: 'http.client', name, data });

  it("adds the path to a fetch span named after its host only (SDK 11's span v2 names)", () => {
    expect(requestPath(http('GET 127.0.0.1', { 'url.full': 'http://127.0.0.1:5173/api/products?page=2', 'http.request.method': 'GET' }))).toBe('/api/products?page=2');
    expect(requestPath(http('127.0.0.1', { 'http.url': 'http://127.0.0.1:5173/static/app.css' }))).toBe('/static/app.css');
  });

  it('adds nothing when the name already holds the URL (older SDKs), or there is no URL', () => {
    // As @sentry/browser 7 and sentry-python send an http.client span.
    expect(requestPath(http('GET http://127.0.0.1:8000/api/0/organizations/?member=1', { url: 'http://127.0.0.1:8000/api/0/organizations/?member=1' }))).toBeNull();
    expect(requestPath(http('GET 127.0.0.1', { 'url.full': 'http://127.0.0.1:5173/' }))).toBeNull();
    expect(requestPath(http('db query', {}))).toBeNull();
  });
});
