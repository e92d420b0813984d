/**
 * Relay's clock corrections of an event (`normalize_timestamps` and `ClockDriftProcessor`), on the
 * corpus' Android event (sent 2024-01-26) and real @sentry/node events and transactions.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/clock_drift.rs
 */
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { corpusEvent } from '../grouping/test-support/corpus';
import { captureWithNodeSdk } from '../grouping/test-support/node-sdk';
import { MAX_MS_IN_PAST } from './event-clock';
import { normalizeEvent } from './normalize-event';

const RECEIVED = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const ANDROID = 'application_x_sentry_envelope-1706290053204.txt';
const secondsOf = (v: unknown): number => (typeof v === 'number' ? v : Date.parse(String(v)) / 1000);
/** Breadcrumb times in seconds, from either wire form (a list, or `{ values }`). */
function crumbTimes(event: SentryEvent): number[] {
  const crumbs: unknown = event.breadcrumbs;
  const list = Array.isArray(crumbs) ? crumbs : (crumbs as { values?: unknown[] } | undefined)?.values ?? [];
  return list.map((b) => secondsOf((b as { timestamp?: unknown }).timestamp));
}

async function nodeEvent(): Promise<SentryEvent> {
  const [event] = await captureWithNodeSdk((scope) => [scope.captureException(new Error('stale clock'))]);
  return event!;
}

describe('an event older than 30 days (max_secs_in_past) is moved to the receive time', () => {
  it("the corpus' Android event of 2024-01-26: its time is the receive time, its breadcrumbs move with it, the original recorded", () => {
    const raw = corpusEvent(ANDROID);
    const sent = Date.parse(String(raw.timestamp));
    const event = normalizeEvent(raw, null, RECEIVED);
    expect(event.timestamp).toBe(RECEIVED / 1000);
    expect(event.errors).toEqual([{ type: 'past_timestamp', name: 'timestamp', value: '2024-01-26T17:27:31.414Z',
      sdk_time: '2024-01-26T17:27:31.414Z', server_time: '2026-11-24T12:00:00.000Z' }]);
    // Every breadcrumb moved by the same drift: the gaps between them, and to the event, are kept.
    const drift = RECEIVED / 1000 - sent / 1000;
    const before = crumbTimes(raw);
    expect(before.length).toBeGreaterThan(3);
    crumbTimes(event).forEach((t, i) => expect(t).toBeCloseTo(before[i]! + drift, 3));
    expect(Math.max(...crumbTimes(event))).toBeLessThanOrEqual(RECEIVED / 1000 + 1);
  });

  it('a transaction keeps its duration and its spans stay inside it', async () => {
    const [tx] = await captureWithNodeSdk((scope) => [scope.captureException(new Error('x'))]);
    const start = RECEIVED / 1000 - 40 * 86_400;
    const raw = { ...tx, type: 'transaction', transaction: 'GET /orders', start_timestamp: start, timestamp: start + 2.5,
      spans: [{ span_id: 'a'.repeat(16), start_timestamp: start + 0.5, timestamp: start + 1 }] };
    const event = normalizeEvent(raw, null, RECEIVED, { itemType: 'transaction' });
    expect(event.timestamp).toBe(RECEIVED / 1000);
    expect(event.start_timestamp).toBeCloseTo(RECEIVED / 1000 - 2.5, 6);
    expect(event.spans?.[0]).toMatchObject({ start_timestamp: expect.closeTo(RECEIVED / 1000 - 2, 6), timestamp: expect.closeTo(RECEIVED / 1000 - 1.5, 6) });
  });

  it('an event 29 days old, or one a minute ahead, is kept as sent', async () => {
    const event = await nodeEvent();
    const recent = RECEIVED - MAX_MS_IN_PAST + DAY;
    expect(normalizeEvent({ ...event, timestamp: recent / 1000 }, null, RECEIVED)).toMatchObject({ timestamp: recent / 1000 });
    expect(normalizeEvent({ ...event, timestamp: recent / 1000 }, null, RECEIVED).errors).toBeUndefined();
    expect(normalizeEvent({ ...event, timestamp: RECEIVED / 1000 + 60 }, null, RECEIVED).errors).toBeUndefined();
  });
});

describe("the SDK's clock (the envelope's sent_at) off by 55 minutes or more moves every time of the event", () => {
  it('an SDK a day behind: its event moves a day ahead, recorded as clock_drift with both clocks', async () => {
    const event = await nodeEvent();
    const sdkNow = RECEIVED - DAY;
    const moved = normalizeEvent({ ...event, timestamp: (sdkNow - 5000) / 1000 }, null, RECEIVED, { sentAt: new Date(sdkNow).toISOString() });
    expect(moved.timestamp).toBeCloseTo((RECEIVED - 5000) / 1000, 3);
    expect(moved.errors).toEqual([{ type: 'clock_drift', name: 'timestamp', sdk_time: new Date(sdkNow).toISOString(), server_time: new Date(RECEIVED).toISOString() }]);
  });

  it("Relay's own case: an event and sent_at both a month old are moved by sent_at alone (clock_drift, no past_timestamp)", async () => {
    const monthAgo = RECEIVED - 30 * DAY;
    const moved = normalizeEvent({ ...(await nodeEvent()), timestamp: monthAgo / 1000 }, null, RECEIVED, { sentAt: new Date(monthAgo).toISOString() });
    expect(moved.timestamp).toBeCloseTo(RECEIVED / 1000, 3);
    expect((moved.errors as { type: string }[]).map((e) => e.type)).toEqual(['clock_drift']);
  });

  it('an event of the last 55 minutes reads no sent_at: one clock on one machine (an unreadable sent_at moves nothing either)', async () => {
    const event = await nodeEvent();
    const at = (RECEIVED - 10 * 60_000) / 1000;
    expect(normalizeEvent({ ...event, timestamp: at }, null, RECEIVED, { sentAt: new Date(RECEIVED - 2 * DAY).toISOString() }).timestamp).toBe(at);
    expect(normalizeEvent({ ...event, timestamp: at - DAY / 1000 }, null, RECEIVED, { sentAt: 'soon' }).errors).toBeUndefined();
  });

  it('less than 55 minutes apart is network delay: nothing moves', async () => {
    const event = await nodeEvent();
    const at = (RECEIVED - 50 * 60_000) / 1000;
    const kept = normalizeEvent({ ...event, timestamp: at }, null, RECEIVED, { sentAt: at });
    expect(kept.timestamp).toBe(at);
    expect(kept.errors).toBeUndefined();
  });
});
