import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { extractMarkers } from './markers';
import { normalizeRrwebEvents } from './rrweb-normalize';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems, relayRrwebEvents } from './test-fixtures';
import type { RrwebEvent } from './types';

async function browserEvents(): Promise<RrwebEvent[]> {
  const decoded = await decodeSegmentBody(splitRecordingPayload(browserReplayItems().recording).body);
  if (!decoded.ok) throw new Error(decoded.error);
  return normalizeRrwebEvents(decoded.events);
}

describe('extractMarkers', () => {
  it('finds the click, console warning, navigations, fetch and error of the real browser recording', async () => {
    const events = await browserEvents();
    const click = events.find((e) => (e.data as { payload?: { category?: string } })?.payload?.category === 'ui.click');
    const errorAt = (click?.timestamp ?? 0) + 40;
    const all = extractMarkers(events, [errorAt]);
    // The page load's web vitals as the SDK rated them (the real recording's CLS and LCP).
    expect(all.filter((m) => m.kind === 'vital').map((m) => m.label)).toEqual(['CLS 0 · good', 'LCP 200 ms · good']);
    const markers = all.filter((m) => m.kind !== 'vital');

    expect(markers.map((m) => m.kind)).toEqual(['navigation', 'click', 'console', 'navigation', 'network', 'error']);
    expect(markers[0]?.label).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(markers[1]?.label).toBe('body > button#crash[type="button"] "Pay now"');
    expect(markers[2]?.label).toBe('[warning] Replay fixture: paying');
    expect(markers[3]?.label).toBe('/checkout/pay');
    expect(markers[4]?.label).toBe('POST /api/ping → 200');
    expect(markers[5]).toEqual({ timestamp: errorAt, kind: 'error', label: 'Error' });
    // Markers sit on the ms timeline of the recording, not in 1970.
    const first = events[0]?.timestamp ?? 0;
    for (const marker of markers) expect(marker.timestamp).toBeGreaterThanOrEqual(first - 1000);
  });

  it("names clicks as Sentry's replay UI does: rage only from five clicks, dead only when a control never reacted", () => {
    // The breadcrumbs @sentry/browser's replay integration records for clicks (category, message, data).
    const crumb = (t: number, category: string, data: Record<string, unknown>): RrwebEvent =>
      ({ type: 5, timestamp: t, data: { tag: 'breadcrumb', payload: { timestamp: t / 1000, type: 'default', category, message: 'body > button#load', data } } });
    const button = { node: { id: 7, tagName: 'button', textContent: 'Load', attributes: { id: 'load' } } };
    const div = { node: { id: 8, tagName: 'div', textContent: '', attributes: {} } };
    const markers = extractMarkers([
      crumb(1_700_000_002_000, 'ui.multiClick', { clickCount: 2, metric: true, ...button }),
      crumb(1_700_000_004_000, 'ui.multiClick', { clickCount: 5, metric: true, ...button }),
      crumb(1_700_000_006_000, 'ui.slowClickDetected', { endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 1, ...button }),
      crumb(1_700_000_008_000, 'ui.slowClickDetected', { endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 6, ...button }),
      crumb(1_700_000_010_000, 'ui.slowClickDetected', { endReason: 'mutation', timeAfterClickMs: 3500, clickCount: 1, ...button }),
      crumb(1_700_000_012_000, 'ui.slowClickDetected', { endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 1, ...div }),
    ], []);
    expect(markers.map((m) => m.label.split(':')[0])).toEqual(['Multi-click', 'Rage click', 'Dead click', 'Rage click', 'Slow click', 'Slow click']);
    // Sentry's replay list counts dead and rage clicks from the slow-click breadcrumbs only (a rage click is also dead).
    expect(markers.map((m) => m.frustration ?? null)).toEqual([null, null, 'dead', 'rage', null, null]);
  });

  it("maps relay's fixture: an input breadcrumb and a navigation span, ignoring memory spans", () => {
    const markers = extractMarkers(normalizeRrwebEvents(relayRrwebEvents()), []);
    expect(markers).toEqual([
      { timestamp: 1665063926125, kind: 'navigation', label: 'https://sentry.io' },
      { timestamp: relayRrwebEvents()[2]?.timestamp, kind: 'input', label: 'something happened' },
    ]);
  });

  it('lists the web vitals the replay SDK recorded, with value and rating (CLS without a unit)', () => {
    // `web-vital` performanceSpans as @sentry/browser 11 recorded them in Chromium (timestamps already in ms).
    const vital = (t: number, description: string, value: unknown, rating?: string): RrwebEvent => ({
      type: 5, timestamp: t,
      data: { tag: 'performanceSpan', payload: { op: 'web-vital', description, startTimestamp: t, endTimestamp: t, data: { value, size: value, ...(rating ? { rating } : {}) } } },
    });
    const markers = extractMarkers([
      vital(1_795_590_278_850.7, 'largest-contentful-paint', 416, 'good'),
      vital(1_795_590_280_342.5, 'cumulative-layout-shift', 0.07410618181818181, 'good'),
      vital(1_795_590_283_415.1, 'interaction-to-next-paint', 240, 'needs-improvement'),
      vital(1_795_590_283_500, 'first-input-delay', 12.4),
      vital(1_795_590_283_600, 'largest-contentful-paint', 'not a number', 'good'),
    ], []);
    expect(markers.map((m) => [m.kind, m.label])).toEqual([
      ['vital', 'LCP 416 ms · good'], ['vital', 'CLS 0.074 · good'], ['vital', 'INP 240 ms · needs-improvement'], ['vital', 'FID 12 ms'],
    ]);
  });

  it('converts stray seconds and drops repeats within a second', () => {
    const click = (timestamp: number): RrwebEvent => ({ type: 5, timestamp, data: { tag: 'breadcrumb', payload: { category: 'ui.click', message: 'button' } } });
    const markers = extractMarkers([click(1_700_000_000), click(1_700_000_000_500), click(1_700_000_002_000)], [1_700_000_001]);
    expect(markers.map((m) => [m.kind, m.timestamp])).toEqual([['click', 1_700_000_000_000], ['error', 1_700_000_001_000], ['click', 1_700_000_002_000]]);
  });

  it('ignores malformed custom events', () => {
    const odd = [{ type: 5, timestamp: 1 }, { type: 5, timestamp: 2, data: 'x' }, { type: 5, timestamp: 3, data: { tag: 'breadcrumb', payload: { category: 7 } } }, null];
    expect(extractMarkers(odd as unknown as RrwebEvent[], [Number.NaN])).toEqual([]);
  });
});
