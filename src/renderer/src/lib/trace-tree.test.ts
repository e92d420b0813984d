import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../../shared/api-types';
import { formatDuration, requestPath, spanStatusClass } from './trace-tree';

function span(spanId: string | null, parentSpanId: string | null, startMs: number, endMs = startMs + 10): TraceSpan {
  return { spanId, parentSpanId, projectId: 1, op: 'op', name: spanId, status: 'ok', startMs, endMs, transactionEventId: null, data: {} };
}

describe('span helpers', () => {
  it('classes statuses', () => {
    expect(['ok', 'unset', null, 'cancelled', 'error', 'internal_error'].map((s) => spanStatusClass(s))).toEqual(['ok', 'ok', 'ok', 'warn', 'error', 'error']);
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0ms');
    expect([0.42, 12.34, 250.4, 1250, 123_000, 7_500_000, -1, null].map((v) => formatDuration(v))).toEqual(
      ['0.42ms', '12.3ms', '250ms', '1.25s', '2m 03s', '2h 05m', '—', '—']);
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
