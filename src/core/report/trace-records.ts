/**
 * What a bundle carries of the featured event's trace (`export/bundle-trace.ts`): the stored rows of the
 * logs the report quotes (attributes in the SDK's typed form, as kept) and the envelopes that brought the
 * trace's spans (transactions, streamed spans), read through the `span_blocks` trace index.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { DB } from '../store/db';
import { traceIdForms } from '../api/trace-id';
import { TRACE_ENVELOPES_MAX, type TraceRecordLog, type TraceRecordsInput } from '../export/bundle-trace';
import type { TraceLogsInput } from '../export/report-trace';
import { bundleEnvelopeBody } from './bundle-envelope';

/** Body characters carried per log, as `trace-logs.ts` reads them: the report clips far below this. */
const BODY_CHARS = 4000;

function attributesOf(text: string | null): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text ?? '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
  } catch {
    return {}; // cut when stored: the report shows no attributes of it either
  }
}

/**
 * The trace records of `traceId` for a bundle: the logs of `quoted` (those the report quotes) and the
 * envelopes of its spans other than `bundled` (the events' own, already in the bundle). Null without a trace.
 */
export function traceRecordsOf(db: DB, traceId: string | null, quoted: TraceLogsInput | null, bundled: ReadonlySet<number>): TraceRecordsInput | null {
  const ids = traceId ? traceIdForms(traceId) : null;
  if (!ids) return null;
  const logIds = JSON.stringify((quoted?.logs ?? []).map((l) => l.id));
  const logs = (db.prepare(`SELECT project_id, timestamp, trace_id, level, substr(body, 1, ${BODY_CHARS}) AS body, attributes
    FROM logs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY timestamp, id`).all(logIds) as
    { project_id: number; timestamp: number; trace_id: string | null; level: string | null; body: string | null; attributes: string | null }[])
    .map((r): TraceRecordLog => ({ projectId: r.project_id, timestampMs: r.timestamp, traceId: r.trace_id, level: r.level, body: r.body ?? '',
      attributes: attributesOf(r.attributes) }));
  const blocks = db.prepare(`SELECT envelope_id, MIN(project_id) AS project_id, MIN(transaction_event_id) AS event_id FROM span_blocks
    WHERE trace_id IN (?, ?) GROUP BY envelope_id ORDER BY envelope_id`).all(ids[0], ids[1]) as
    { envelope_id: number; project_id: number; event_id: string | null }[];
  const others = blocks.filter((b) => !bundled.has(b.envelope_id));
  const envelopes = others.slice(0, TRACE_ENVELOPES_MAX).flatMap((b) => {
    const raw = bundleEnvelopeBody(db, b.envelope_id, b.event_id ?? '');
    return raw ? [{ id: b.envelope_id, projectId: b.project_id, raw }] : [];
  });
  return { traceId: ids[0], logs, logsTotal: quoted?.total ?? 0, envelopes, envelopesTotal: others.length };
}
