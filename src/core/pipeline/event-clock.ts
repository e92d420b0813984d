import type { SentryEvent } from '../../shared/sentry';
import { toEpochMs } from '../ingest/timestamps';
import type { EventProcessingError } from './event-errors';

/**
 * Relay's `max_secs_in_past` (30 days): an event timestamp older than this, after any `sent_at`
 * correction, is moved to the receive time, and every other time of the event by as much.
 * @see https://github.com/getsentry/relay/blob/master/relay-config/src/config.rs (default_max_secs_in_past)
 */
export const MAX_MS_IN_PAST = 30 * 24 * 3600 * 1000;

/**
 * Relay's `MINIMUM_CLOCK_DRIFT` (55 minutes): a smaller gap between the envelope's `sent_at` and the
 * receive time is taken as network delay, a larger one as a wrong clock (also a time zone).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor.rs (MINIMUM_CLOCK_DRIFT)
 */
export const MINIMUM_CLOCK_DRIFT_MS = 55 * 60 * 1000;

/**
 * How far ahead an event's time may be: a day, Lookout's rule before it followed Relay's clock
 * corrections (Relay allows 60 s); on one machine the SDK and Lookout share a clock, so only a
 * device or emulator set a day wrong gets here.
 */
export const MAX_MS_AHEAD = 24 * 3600 * 1000;

/** ISO text of a time; one past what a Date can hold (1e300 seconds was sent) as its number. */
const iso = (ms: number): string => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** One time moved by `driftMs`, as float seconds; what is no time is left as it was. */
function shifted(value: unknown, driftMs: number): unknown {
  const ms = toEpochMs(value);
  return ms === undefined ? value : (ms + driftMs) / 1000;
}

function shiftEach(list: unknown, keys: readonly string[], driftMs: number): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    const copy = { ...(entry as Record<string, unknown>) };
    for (const key of keys) if (copy[key] !== undefined && copy[key] !== null) copy[key] = shifted(copy[key], driftMs);
    return copy;
  });
}

/**
 * Moves every time of the event by `driftMs`, as Relay's `ClockDriftProcessor` moves each timestamp
 * of the event protocol: the event's own (`timestamp` is epoch ms here, set by the caller), a
 * transaction's `start_timestamp`, its spans' and the breadcrumbs'. So a transaction keeps its
 * duration and the breadcrumbs stay before the error.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/clock_drift.rs
 */
function shiftEventTimes(event: SentryEvent, driftMs: number): void {
  if (event.start_timestamp !== undefined && event.start_timestamp !== null) event.start_timestamp = shifted(event.start_timestamp, driftMs) as number;
  if (Array.isArray(event.spans)) event.spans = shiftEach(event.spans, ['start_timestamp', 'timestamp'], driftMs) as SentryEvent['spans'];
  const crumbs = event.breadcrumbs as { values?: unknown } | undefined;
  if (crumbs && Array.isArray(crumbs.values)) {
    event.breadcrumbs = { ...crumbs, values: shiftEach(crumbs.values, ['timestamp'], driftMs) } as SentryEvent['breadcrumbs'];
  }
}

/**
 * Whether the SDK's clock can be off by {@link MINIMUM_CLOCK_DRIFT_MS} for an event of time `ms`: not
 * when it is of the last 55 minutes, which is every event of an app on this machine (one clock). A
 * clock that far behind would date it earlier; one that far ahead later, unless the SDK also held
 * the event back about as long (offline), which is left as sent. So a valid event reads no `sent_at`
 * (parsing it cost ~0.3-0.7 µs an event).
 */
function mayHaveDrifted(ms: number, receivedMs: number): boolean {
  return ms > receivedMs || ms < receivedMs - MINIMUM_CLOCK_DRIFT_MS;
}

/** The envelope's `sent_at` (RFC 3339, as SDKs write it) in epoch ms; none when absent or unreadable (no correction then, as in Relay). */
function sentAtOf(sentAt: unknown): number | undefined {
  const ms = typeof sentAt === 'string' ? Date.parse(sentAt) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The event's time after Relay's two clock corrections, in epoch ms, moving the event's other times
 * with it and recording each correction in `found`:
 * 1. the SDK's clock (`sent_at` of the envelope) off by {@link MINIMUM_CLOCK_DRIFT_MS} or more from
 *    the receive time: every time moves by the difference (`clock_drift`);
 * 2. then a time still more than {@link MAX_MS_IN_PAST} old (`past_timestamp`) or more than
 *    {@link MAX_MS_AHEAD} ahead (`future_timestamp`): every time moves so the event's is the receive time.
 * Each error carries `sdk_time` and `server_time` as Relay's do; the replaced time also its value as sent.
 * A valid recent event costs a few comparisons.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/event.rs (normalize_timestamps)
 */
export function correctEventClock(event: SentryEvent, sentMs: number, sentValue: unknown, receivedMs: number,
  sentAt: unknown, found: EventProcessingError[]): number {
  let ms = sentMs;
  const sentAtMs = mayHaveDrifted(sentMs, receivedMs) ? sentAtOf(sentAt) : undefined;
  if (sentAtMs !== undefined && Math.abs(receivedMs - sentAtMs) >= MINIMUM_CLOCK_DRIFT_MS) {
    const drift = receivedMs - sentAtMs;
    ms += drift;
    shiftEventTimes(event, drift);
    found.push({ type: 'clock_drift', name: 'timestamp', sdk_time: iso(sentAtMs), server_time: iso(receivedMs) });
  }
  const past = ms < receivedMs - MAX_MS_IN_PAST;
  if (!past && ms <= receivedMs + MAX_MS_AHEAD) return ms;
  shiftEventTimes(event, receivedMs - ms);
  found.push({ type: past ? 'past_timestamp' : 'future_timestamp', name: 'timestamp', value: sentValue, sdk_time: iso(ms), server_time: iso(receivedMs) });
  return receivedMs;
}
