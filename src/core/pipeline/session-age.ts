import type { ClientOutcome } from '../../shared/api-stats';
import { toEpochMs } from '../ingest/timestamps';

/**
 * Relay's `max_session_secs_in_past` default: a session (or an aggregate bucket) that started, or
 * was last updated, longer ago than this when it arrives is skipped, so release health only ever
 * counts recent sessions (adoption's "last 24 hours" then reads sessions by their own start times).
 * @see https://github.com/getsentry/relay/blob/master/relay-config/src/config.rs (default_max_session_secs_in_past)
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/processing/sessions/process.rs (is_valid_session_timestamp)
 */
export const MAX_SESSION_AGE_MS = 5 * 24 * 3600_000;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** Whether a time as sent (ISO 8601 or epoch seconds; absent or unreadable: not judged) is older than Relay keeps. */
function tooOld(value: unknown, received: number): boolean {
  const ms = toEpochMs(value);
  return ms !== undefined && received - ms > MAX_SESSION_AGE_MS;
}

/** The part of a session item Lookout keeps, and what it counts as dropped. */
export interface SessionAge {
  /** The payload to store: as sent, or an aggregate without its too-old buckets; null: the whole item is dropped. */
  kept: Obj | null;
  /** Lookout's own record of what it skipped (Relay skips silently): `invalid` / `timestamp`, category `session`. */
  outcomes: ClientOutcome[];
}

/** Sessions a bucket counts: the sum of its statuses (Relay's `total_count`). */
function bucketSessions(bucket: Obj): number {
  return ['exited', 'errored', 'abnormal', 'unhandled', 'crashed'].reduce((n, k) => n + (Number(bucket[k]) || 0), 0);
}

const dropped = (quantity: number): ClientOutcome[] =>
  (quantity > 0 ? [{ outcome: 'invalid', reason: 'timestamp', category: 'session', quantity }] : []);

/**
 * Applies Relay's session age limit to a `session` (its `started` or `timestamp`) or a `sessions`
 * item (each bucket's `started`) received at `received` (epoch ms).
 */
export function sessionByAge(kind: 'session' | 'sessions', payload: Obj, received: number): SessionAge {
  if (kind === 'session') {
    const old = tooOld(payload.started, received) || tooOld(payload.timestamp, received);
    return old ? { kept: null, outcomes: dropped(1) } : { kept: payload, outcomes: [] };
  }
  if (!Array.isArray(payload.aggregates)) return { kept: payload, outcomes: [] };
  const fresh: unknown[] = [];
  let skipped = 0;
  for (const bucket of payload.aggregates) {
    if (tooOld(obj(bucket).started, received)) skipped += bucketSessions(obj(bucket));
    else fresh.push(bucket);
  }
  if (fresh.length === payload.aggregates.length) return { kept: payload, outcomes: [] };
  return { kept: fresh.length === 0 ? null : { ...payload, aggregates: fresh }, outcomes: dropped(Math.max(skipped, 1)) };
}
