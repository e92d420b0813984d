/**
 * The logs a bug report quotes: those of the featured event's trace written nearest the event, found
 * through the `logs.trace_id` index (migration 004), so a trace with many logs costs one indexed walk.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 */
import type { DB } from '../store/db';
import { toLogEntry } from '../api/log-queries';
import { traceIdForms } from '../api/trace-id';
import { REPORT_LOGS_MAX, type TraceLogsInput } from '../export/report-trace';

/** Body characters read per log: a report clips the message far below this anyway. */
const BODY_CHARS = 4000;

/**
 * Up to `max` logs of `traceId` closest in time to `atMs`, in time order, with the trace's log count; null for no trace.
 * Times compare by the millisecond: SDKs date logs by a finer clock than errors (the JS SDK's logs by
 * performance.now, its errors by Date.now), so a log written just before the error can carry a later
 * fraction of its millisecond. Logs of the same millisecond (a loop logs many) are nearer the later
 * they were written; of a later millisecond, the earlier.
 */
export function traceLogsNear(db: DB, traceId: string | null, atMs: number, max = REPORT_LOGS_MAX): TraceLogsInput | null {
  const ids = traceId ? traceIdForms(traceId) : null;
  if (!ids) return null;
  const args = { t0: ids[0], t1: ids[1], at: atMs };
  const total = db.prepare('SELECT COUNT(*) FROM logs WHERE trace_id IN (@t0, @t1)').pluck().get(args) as number;
  if (total === 0) return { logs: [], total: 0 };
  const rows = db.prepare(`SELECT id, project_id, timestamp, trace_id, level, substr(body, 1, ${BODY_CHARS}) AS body,
      length(body) AS body_length, attributes FROM logs WHERE trace_id IN (@t0, @t1)
    ORDER BY abs(CAST(timestamp AS INTEGER) - CAST(@at AS INTEGER)),
      CASE WHEN CAST(timestamp AS INTEGER) <= CAST(@at AS INTEGER) THEN -id ELSE id END LIMIT ${Math.max(1, Math.floor(max))}`).all(args) as Parameters<typeof toLogEntry>[0][];
  const logs = rows.map(toLogEntry).sort((a, b) => Math.floor(a.timestamp) - Math.floor(b.timestamp) || a.id - b.id);
  return { logs, total };
}
