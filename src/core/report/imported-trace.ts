/**
 * What an imported issue's report may say of its trace. An import stores, with each request it replays,
 * whether the bundle carried the trace's records and how many logs the trace had where it was exported:
 * a report of the imported issue then counts the logs as the sender's did, and an issue from a bundle
 * without them says they are not in it instead of "no logs".
 */
import type { DB } from '../store/db';
import type { TraceLogsInput } from '../export/report-trace';
import type { ParsedTraceRecords } from '../export/bundle-trace';

/** The stored request's route of everything an import replays. */
export const IMPORT_ROUTE = 'import bundle';
/** Request header an import stores: `carried; logs=212`, or `absent` for a bundle without trace records. */
const TRACE_HEADER = 'x-lookout-bundle-trace';

/** The headers an import stores with the requests of a bundle (its trace records: undefined when the bundle predates them). */
export function importHeaders(records: ParsedTraceRecords | null | undefined): Record<string, string> {
  if (records === undefined) return { [TRACE_HEADER]: 'absent' };
  return { [TRACE_HEADER]: `carried; logs=${records?.logsTotal ?? 0}` };
}

/**
 * The featured event's trace logs as its report quotes them: for an issue imported from a bundle, the
 * sender's log count (the bundle carried only the quoted ones), or "not in the bundle" when it carried none.
 */
export function importedTraceLogs(db: DB, envelopeId: number, stored: TraceLogsInput | null): TraceLogsInput | null {
  if (!stored) return null;
  const row = db.prepare('SELECT route, headers FROM envelopes WHERE id = ?').get(envelopeId) as { route: string; headers: string } | undefined;
  if (row?.route !== IMPORT_ROUTE) return stored;
  let mark: unknown;
  try { mark = (JSON.parse(row.headers) as Record<string, unknown>)[TRACE_HEADER]; } catch { mark = undefined; }
  const logs = typeof mark === 'string' ? /^carried; logs=(\d+)$/.exec(mark) : null;
  // Imported before bundles carried the trace (no mark), or from such a bundle.
  if (!logs) return stored.total === 0 ? { ...stored, notInBundle: true } : stored;
  return { ...stored, total: Math.max(stored.total, Number(logs[1])) };
}
