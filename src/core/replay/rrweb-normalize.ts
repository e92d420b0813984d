/**
 * Puts every rrweb event timestamp in epoch milliseconds before playback.
 *
 * The browser SDK writes its custom `performanceSpan` events (rrweb type 5) with the event
 * timestamp and `payload.startTimestamp/endTimestamp` in epoch **seconds**, and breadcrumb
 * payloads carry `payload.timestamp` in seconds, while all other events use milliseconds.
 * Fed as-is to a player, the replay starts in 1970 and lasts ~56 years.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */
import type { RrwebEvent } from './types';

/**
 * Epoch seconds since 1973-03-03 are ≥ 1e8; the same numbers read as milliseconds would be in
 * the first 3 years after 1970, which no real recording is. Smaller values are left alone so
 * relative or synthetic timestamps are not inflated.
 */
const MIN_SECONDS = 1e8;
const MAX_SECONDS = 1e11;

export const RRWEB_CUSTOM = 5;

/** Converts a timestamp to ms when it is clearly in epoch seconds; otherwise returns it as is. */
export function toMilliseconds(value: number): number {
  if (value >= MIN_SECONDS && value < MAX_SECONDS) return Math.round(value * 1e6) / 1e3;
  return value;
}

/** True for a finite number usable as a playback time. */
export function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Returns new events (inputs are not mutated) with timestamps in ms, sorted stably by time.
 * Events without a finite timestamp cannot be placed on a timeline and are dropped.
 */
export function normalizeRrwebEvents(events: RrwebEvent[]): RrwebEvent[] {
  const out: RrwebEvent[] = [];
  for (const event of events) {
    if (event === null || typeof event !== 'object' || !isTimestamp(event.timestamp)) continue;
    out.push(normalizeEvent(event));
  }
  // Array.prototype.sort is stable, so Meta and FullSnapshot sharing a time keep their order.
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

function normalizeEvent(event: RrwebEvent): RrwebEvent {
  const timestamp = toMilliseconds(event.timestamp);
  const data = event.type === RRWEB_CUSTOM ? normalizeCustomData(event.data) : event.data;
  if (timestamp === event.timestamp && data === event.data) return event;
  return { ...event, timestamp, data };
}

const PAYLOAD_TIME_FIELDS = ['timestamp', 'startTimestamp', 'endTimestamp'] as const;

function normalizeCustomData(data: unknown): unknown {
  if (!isRecord(data) || !isRecord(data.payload)) return data;
  const payload = data.payload;
  let changed: Record<string, unknown> | null = null;
  for (const field of PAYLOAD_TIME_FIELDS) {
    const value = payload[field];
    if (!isTimestamp(value)) continue;
    const ms = toMilliseconds(value);
    if (ms === value) continue;
    changed ??= { ...payload };
    changed[field] = ms;
  }
  return changed ? { ...data, payload: changed } : data;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
