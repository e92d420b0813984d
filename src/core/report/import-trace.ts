/**
 * Imports a bundle's trace records (`export/bundle-trace.ts`): the envelopes of the trace's transactions
 * and streamed spans go through the pipeline as live traffic does (their performance issues are found
 * again), and the quoted logs as one log envelope per project, as an SDK sends them. What is stored
 * already (a bundle imported twice, two issues of one trace) is not stored again.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#log-envelope-item-payload
 */
import { serializeEnvelope, type Envelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { ParsedTraceRecords, TraceRecordLog } from '../export/bundle-trace';
import type { ImportDeps } from './import-bundle';
import { bundledEnvelope, importRequest } from './import-request';
import type { DB } from '../store/db';
import { traceIdForms } from '../api/trace-id';

/** A log's identity for the duplicate check: its time and body within the trace. */
const logKey = (timestampMs: number, body: string): string => `${timestampMs}|${body}`;

/** `storedTrace` over a store: the logs of a trace (by time and body) and whether an import stored spans of it. */
export function storedTraceOf(db: DB): ImportDeps['storedTrace'] {
  const logs = db.prepare('SELECT timestamp, body FROM logs WHERE trace_id IN (?, ?)');
  const imported = db.prepare(`SELECT 1 FROM span_blocks b JOIN envelopes e ON e.id = b.envelope_id
    WHERE b.trace_id IN (?, ?) AND b.transaction_event_id IS NULL AND e.route = 'import bundle' LIMIT 1`);
  return (traceId) => {
    const ids = traceIdForms(traceId);
    if (!ids) return { logKeys: new Set(), spansImported: false };
    const rows = logs.all(ids[0], ids[1]) as { timestamp: number; body: string | null }[];
    return { logKeys: new Set(rows.map((r) => logKey(r.timestamp, r.body ?? ''))), spansImported: imported.get(ids[0], ids[1]) !== undefined };
  };
}

function logEnvelope(logs: TraceRecordLog[]): Envelope {
  // Epoch ms (the pipeline reads numbers above 1e11 as ms): seconds would lose the fraction the report orders by.
  const items = logs.map((l) => ({ timestamp: l.timestampMs, trace_id: l.traceId, level: l.level, body: l.body, attributes: l.attributes }));
  return {
    headers: {},
    items: [{ headers: { type: 'log', item_count: items.length, content_type: 'application/vnd.sentry.items.log+json' },
      payload: Buffer.from(JSON.stringify({ items })) }],
  };
}

/** Stores the trace records; `bundled` are the envelope ids the bundle's events brought already. Returns how many logs were stored. */
export async function importTraceRecords(records: ParsedTraceRecords, bundled: ReadonlySet<number>, deps: ImportDeps,
  headers: Record<string, string>): Promise<number> {
  const stored = deps.storedTrace(records.traceId);
  for (const e of records.envelopes) {
    if (bundled.has(e.id)) continue;
    const plan = await prepareEnvelope(bundledEnvelope(e.raw), importRequest(e.raw, e.projectId, headers), e.projectId, deps.symbolicate);
    const eventIds = plan.items.flatMap((i) => (i.type === 'event' ? [i.eventId] : []));
    const already = eventIds.length > 0 ? eventIds.every((id) => deps.storedIssue(e.projectId, id) !== undefined) : stored.spansImported;
    if (!already) await deps.commit(plan);
  }
  const fresh = records.logs.filter((l) => !stored.logKeys.has(logKey(l.timestampMs, l.body)));
  const byProject = new Map<number, TraceRecordLog[]>();
  for (const l of fresh) byProject.set(l.projectId, [...(byProject.get(l.projectId) ?? []), l]);
  for (const [projectId, logs] of byProject) {
    const envelope = logEnvelope(logs);
    await deps.commit(await prepareEnvelope(envelope, importRequest(serializeEnvelope(envelope), projectId, headers), projectId, null));
  }
  return fresh.length;
}
