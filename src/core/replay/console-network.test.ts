import { describe, expect, it } from 'vitest';
import { extractConsoleEntries } from './console-entries';
import { decodeSegmentBody } from './decode-segment';
import { extractMarkers } from './markers';
import { extractNetworkEntries } from './network-entries';
import { normalizeRrwebEvents } from './rrweb-normalize';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems } from './test-fixtures';
import type { RrwebEvent } from './types';

async function browserEvents(): Promise<RrwebEvent[]> {
  const decoded = await decodeSegmentBody(splitRecordingPayload(browserReplayItems().recording).body);
  if (!decoded.ok) throw new Error(decoded.error);
  return normalizeRrwebEvents(decoded.events);
}

const T = 1_795_000_000_000;
/** A breadcrumb frame as @sentry/browser's replay integration records it (payload time in seconds). */
const crumb = (ms: number, payload: Record<string, unknown>): RrwebEvent =>
  ({ type: 5, timestamp: ms, data: { tag: 'breadcrumb', payload: { timestamp: ms / 1000, type: 'default', ...payload } } });
/** A performanceSpan frame: the event time and start/end in seconds, as the SDK writes them. */
const span = (ms: number, op: string, description: string, durationMs: number, data: Record<string, unknown>): RrwebEvent =>
  ({ type: 5, timestamp: ms / 1000, data: { tag: 'performanceSpan', payload: { op, description, startTimestamp: ms / 1000, endTimestamp: (ms + durationMs) / 1000, data } } });

describe('extractConsoleEntries', () => {
  it('lists the real recording\'s console.warn with its level and argument', async () => {
    expect(extractConsoleEntries(await browserEvents())).toEqual([
      { timestamp: expect.any(Number), level: 'warning', message: 'Replay fixture: paying', args: ['Replay fixture: paying'], truncated: false },
    ]);
  });

  it('shows object arguments as JSON text, keeps the SDK\'s truncation flag, and skips other breadcrumbs', () => {
    const entries = extractConsoleEntries(normalizeRrwebEvents([
      crumb(T + 20, { category: 'console', level: 'error', message: 'cart failed [object Object]',
        data: { logger: 'console', arguments: ['cart failed', { status: 500, items: [1, 2] }], _meta: { warnings: ['CONSOLE_ARG_TRUNCATED'] } } }),
      crumb(T + 10, { category: 'ui.click', message: 'button#pay' }),
      crumb(T, { category: 'console', level: 'log', data: { arguments: ['<b>not html</b>', 7, null] } }),
    ]));
    expect(entries).toEqual([
      { timestamp: T, level: 'log', message: '<b>not html</b> 7 null', args: ['<b>not html</b>', '7', 'null'], truncated: false },
      { timestamp: T + 20, level: 'error', message: 'cart failed [object Object]',
        args: ['cart failed', '{\n  "status": 500,\n  "items": [\n    1,\n    2\n  ]\n}'], truncated: true },
    ]);
  });
});

describe('extractNetworkEntries', () => {
  it('lists the real recording\'s page load, script, favicon and fetch with Sentry\'s sizes and types, in ms', async () => {
    const events = await browserEvents();
    const entries = extractNetworkEntries(events);
    expect(entries.map((e) => [e.type, e.method, e.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), e.statusCode])).toEqual([
      ['navigate', 'GET', '/', null], ['script', 'GET', '/app.js', 200], ['other', 'GET', '/favicon.ico', 404], ['fetch', 'POST', '/api/ping', 200],
    ]);
    const fetch = entries[3];
    // Not in networkDetailAllowUrls: the SDK sends sizes and says the URL was skipped, no headers or body.
    expect(fetch?.response).toEqual({ headers: {}, body: null, size: 4, warnings: ['URL_SKIPPED'] });
    expect(fetch?.size).toBe(4);
    expect(entries[1]?.size).toBe(565665);
    const first = events[0]?.timestamp ?? 0;
    for (const entry of entries) {
      expect(entry.timestamp).toBeGreaterThanOrEqual(first - 1000);
      expect(entry.durationMs).toBeGreaterThan(0);
      expect(entry.durationMs).toBeLessThan(5000);
    }
  });

  it('keeps captured headers and bodies as sent, masked values included, and leaves out history pushes and vitals', () => {
    const entries = extractNetworkEntries([
      span(T + 500, 'navigation.push', 'http://shop.test/cart', 0, {}),
      span(T + 600, 'web-vital', 'largest-contentful-paint', 0, { value: 200 }),
      span(T, 'resource.xhr', 'http://shop.test/api/cart?id=4', 120, {
        method: 'PUT', statusCode: 201, requestBodySize: 13,
        request: { size: 13, headers: { 'content-type': 'application/json' }, body: { coupon: '[Filtered]' } },
        response: { size: 2048, headers: { 'content-type': 'text/plain', 'x-trace': 'abc' }, body: 'created…', _meta: { warnings: ['TEXT_TRUNCATED'] } },
      }),
    ]);
    expect(entries).toEqual([{
      timestamp: T, durationMs: 120, op: 'resource.xhr', type: 'xhr', method: 'PUT', url: 'http://shop.test/api/cart?id=4', statusCode: 201, size: 2048,
      request: { headers: { 'content-type': 'application/json' }, body: '{\n  "coupon": "[Filtered]"\n}', size: 13, warnings: [] },
      response: { headers: { 'content-type': 'text/plain', 'x-trace': 'abc' }, body: 'created…', size: 2048, warnings: ['TEXT_TRUNCATED'] },
    }]);
  });

  it('ignores malformed frames', () => {
    const odd = [{ type: 5, timestamp: T, data: { tag: 'performanceSpan', payload: { op: 7 } } }, { type: 5, timestamp: T, data: { tag: 'performanceSpan' } }, null];
    expect(extractNetworkEntries(odd as unknown as RrwebEvent[])).toEqual([]);
    expect(extractConsoleEntries(odd as unknown as RrwebEvent[])).toEqual([]);
  });
});

describe('feedback markers', () => {
  it('names the SDK\'s sentry.feedback breadcrumb "User Feedback" with the feedback event it points at', () => {
    const markers = extractMarkers([crumb(T, { category: 'sentry.feedback', data: { feedbackId: 'a'.repeat(32) } })], []);
    expect(markers).toEqual([{ timestamp: T, kind: 'feedback', label: 'User Feedback', feedbackEventId: 'a'.repeat(32) }]);
  });
});
