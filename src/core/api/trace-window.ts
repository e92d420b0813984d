/**
 * Where a trace sits in time, from its stored spans and error events. The logs table has no
 * trace index, so a trace's logs are looked up in this window through the time index.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { DB } from '../store/db';

/** Logs a little before the first span or after the last one still belong to the trace (late flushes, clock skew). */
const MARGIN_MS = 10 * 60_000;
const SCAN = 10_001;

export interface TraceWindow { lo: number; hi: number }

/**
 * The forms a trace id is stored in: SDKs send 32 lowercase hex digits, but a hyphenated or
 * uppercase id from a hand-made client matches too. Null when it is not a trace id at all.
 */
export function traceIdForms(raw: string): [string, string] | null {
  const plain = raw.trim().replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(plain)) return null;
  return [plain.toLowerCase(), plain];
}

/** The trace's time range widened by a margin, or null when neither spans nor errors of it are stored. */
export function traceWindow(db: DB, ids: readonly [string, string]): TraceWindow | null {
  const spans = db.prepare(`SELECT MIN(start_ms) AS lo, MAX(COALESCE(end_ms, start_ms)) AS hi
    FROM (SELECT start_ms, end_ms FROM spans WHERE trace_id IN (?, ?) LIMIT ${SCAN})`).get(...ids) as { lo: number | null; hi: number | null };
  const events = db.prepare(`SELECT MIN(timestamp) AS lo, MAX(timestamp) AS hi
    FROM (SELECT timestamp FROM events WHERE trace_id IN (?, ?) LIMIT ${SCAN})`).get(...ids) as { lo: number | null; hi: number | null };
  const los = [spans.lo, events.lo].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const his = [spans.hi, events.hi].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (los.length === 0 || his.length === 0) return null;
  return { lo: Math.min(...los) - MARGIN_MS, hi: Math.max(...his) + MARGIN_MS };
}
