import type { SentryEvent } from '../../shared/sentry';
import { toEpochMs } from '../ingest/timestamps';

/**
 * One entry of `event.errors`, Relay's `EventProcessingError`: what kind of problem (`invalid_data`,
 * `future_timestamp`…), the field's path, the value as sent, and why. Relay records one for each
 * value its normalisation discarded or replaced, and Sentry's issue page lists them ("There were
 * N problems processing this event").
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/event_error.rs
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/types.rs (Level, Timestamp)
 */
export interface EventProcessingError {
  type: 'invalid_data' | 'value_too_long' | 'future_timestamp' | 'past_timestamp' | 'clock_drift';
  name: string;
  value?: unknown;
  reason?: string;
  /** A clock correction's time of the SDK and the receive time, RFC 3339, as Relay records them. */
  sdk_time?: string;
  server_time?: string;
}

const LEVELS = new Set(['fatal', 'error', 'warning', 'info', 'debug']);
/** Relay's other spellings (`log`, `critical`), plus `warn`, which Lookout has always read as `warning`. */
const LEVEL_ALIASES: Record<string, string> = { warn: 'warning', log: 'info', critical: 'fatal' };
/** Python's logging levels, which Relay reads as levels. */
const PYTHON_LEVELS: Record<number, string> = { 10: 'debug', 20: 'info', 30: 'warning', 40: 'error', 50: 'fatal' };

/**
 * The event's level as Relay reads it (any case, Relay's aliases, Python's numbers), or null with
 * the error Relay records when the SDK sent one it cannot read. Nothing sent is no error.
 */
export function readLevel(sent: unknown): { level: string | null; error: EventProcessingError | null } {
  if (sent === undefined || sent === null) return { level: null, error: null };
  if (typeof sent === 'string') {
    const lower = sent.toLowerCase();
    const level = LEVELS.has(lower) ? lower : LEVEL_ALIASES[lower] ?? null;
    return { level, error: level ? null : { type: 'invalid_data', name: 'level', value: sent, reason: 'invalid level' } };
  }
  if (typeof sent === 'number') {
    const level = PYTHON_LEVELS[sent] ?? null;
    return { level, error: level ? null : { type: 'invalid_data', name: 'level', value: sent } };
  }
  return { level: null, error: { type: 'invalid_data', name: 'level', value: sent, reason: 'expected a level' } };
}

/**
 * The event's time as sent, in epoch milliseconds, or undefined with the error recorded for a value
 * that is no timestamp (`invalid_data`; nothing sent is no error). Whether Lookout believes a
 * readable time is judged after, with the clock corrections (event-clock.ts).
 */
export function readTimestamp(sent: unknown, name = 'timestamp'): { ms: number | undefined; error: EventProcessingError | null } {
  const parsed = toEpochMs(sent);
  if (parsed !== undefined && Number.isFinite(parsed)) return { ms: parsed, error: null };
  if (sent === undefined || sent === null) return { ms: undefined, error: null };
  const reason = typeof sent === 'string' || typeof sent === 'number' ? 'not a timestamp (RFC 3339 or seconds since the epoch)' : 'expected a timestamp';
  return { ms: undefined, error: { type: 'invalid_data', name, value: sent, reason } };
}

/** The error for a payload `event_id` that is no UUID (it was replaced), or null. */
export function eventIdError(sent: unknown, valid: string | null): EventProcessingError | null {
  if (sent === undefined || sent === null || valid !== null) return null;
  return { type: 'invalid_data', name: 'event_id', value: sent, reason: 'expected a UUID' };
}

/** Appends `found` to `event.errors`, after any the SDK sent (a non-list `errors` is itself recorded as replaced). */
export function recordEventErrors(event: SentryEvent, found: readonly EventProcessingError[]): void {
  if (found.length === 0) return;
  const sent: unknown = event.errors;
  const kept: unknown[] = Array.isArray(sent) ? sent
    : sent === undefined || sent === null ? [] : [{ type: 'invalid_data', name: 'errors', value: sent, reason: 'expected a list' }];
  event.errors = [...kept, ...found];
}
