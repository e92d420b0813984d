import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { normalizeRrwebEvents } from './rrweb-normalize';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems, relayRrwebEvents } from './test-fixtures';
import type { RrwebEvent } from './types';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

async function browserEvents(): Promise<RrwebEvent[]> {
  const decoded = await decodeSegmentBody(splitRecordingPayload(browserReplayItems().recording).body);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.events;
}

function duration(events: RrwebEvent[]): number {
  const times = events.map((e) => e.timestamp);
  return Math.max(...times) - Math.min(...times);
}

function isSpan(event: RrwebEvent): boolean {
  return event.type === 5 && (event.data as { tag?: unknown } | undefined)?.tag === 'performanceSpan';
}

describe('normalizeRrwebEvents', () => {
  it('gives a recording whose spans are in seconds the duration of its ms events', async () => {
    const msEvents = (await browserEvents()).filter((e) => e.type !== 5);
    const first = msEvents[0]?.timestamp ?? 0;
    const last = msEvents.at(-1)?.timestamp ?? 0;
    // Spans shaped like relay's fixture, timed in seconds inside the ms events' window.
    const [span] = relayRrwebEvents();
    const mid = (first + last) / 2 / 1000;
    const spans = [mid, last / 1000].map((seconds) => ({
      ...span,
      type: 5,
      timestamp: seconds,
      data: { tag: 'performanceSpan', payload: { op: 'resource.fetch', description: '/api', startTimestamp: seconds, endTimestamp: seconds + 0.25 } },
    }));
    const recording = [...msEvents, ...spans];

    expect(duration(recording)).toBeGreaterThan(50 * YEAR_MS); // the trap, un-normalised
    const normalized = normalizeRrwebEvents(recording);
    expect(duration(normalized)).toBeCloseTo(duration(msEvents), 0);
    const normalizedSpans = normalized.filter(isSpan);
    expect(normalizedSpans.map((e) => e.timestamp)).toEqual([expect.closeTo(mid * 1000, 3), expect.closeTo(last, 3)]);
    const payload = (normalizedSpans[0]?.data as { payload: Record<string, number> }).payload;
    expect(payload.endTimestamp! - payload.startTimestamp!).toBeCloseTo(250, 3);
  });

  it('brings the real browser recording, spans included, into a sane, sorted timeline', async () => {
    const raw = await browserEvents();
    expect(raw.some(isSpan)).toBe(true);
    expect(duration(raw)).toBeGreaterThan(50 * YEAR_MS);
    const normalized = normalizeRrwebEvents(raw);
    expect(normalized).toHaveLength(raw.length);
    expect(duration(normalized)).toBeLessThan(10 * 60 * 1000);
    for (let i = 1; i < normalized.length; i++) {
      expect(normalized[i]!.timestamp).toBeGreaterThanOrEqual(normalized[i - 1]!.timestamp);
    }
  });

  it('converts payload seconds of relay fixture events and leaves ms timestamps alone', () => {
    const events = relayRrwebEvents();
    const snapshot = JSON.stringify(events);
    const [memory, navigation, breadcrumb] = normalizeRrwebEvents(events);
    expect(JSON.stringify(events)).toBe(snapshot); // inputs untouched
    expect(memory?.timestamp).toBe(1658770772902);
    expect(navigation?.data).toMatchObject({ payload: { startTimestamp: 1665063926125, endTimestamp: 1665063926833 } });
    expect(breadcrumb?.timestamp).toBe(events[2]?.timestamp);
    expect(breadcrumb?.data).toMatchObject({ payload: { timestamp: 1674135065772 } });
  });

  it('sorts stably, so Meta stays before a FullSnapshot with the same time', () => {
    const meta = { type: 4, timestamp: 1_700_000_000_000, data: { href: 'a' } };
    const full = { type: 2, timestamp: 1_700_000_000_000, data: {} };
    const earlier = { type: 0, timestamp: 1_699_999_999_999 };
    expect(normalizeRrwebEvents([meta, full, earlier])).toEqual([earlier, meta, full]);
  });

  it('drops events without a finite timestamp and keeps small relative ones as they are', () => {
    const odd = [{ type: 3, timestamp: Number.NaN }, null, { type: 3, timestamp: 1500 }] as unknown as RrwebEvent[];
    expect(normalizeRrwebEvents(odd)).toEqual([{ type: 3, timestamp: 1500 }]);
  });
});
