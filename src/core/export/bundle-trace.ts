/**
 * The featured event's trace as a bundle carries it (`traceRecords`): the logs the report quotes (the
 * trace's logs nearest the event, with how many the trace has) and the envelopes of its transactions and
 * streamed spans (what the trace summary reads), scrubbed as every other part. An import stores them, so
 * the recipient's report shows the same trace and logs; a bundle without them says they are not in it.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#log-envelope-item-payload
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import { arr, base64, BundleError, int, num, obj, str, strOrNull, type Obj } from './bundle-check';
import { scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';
import { exportEnvelope } from './scrub-binary';

/** Transaction and span envelopes a bundle carries of one trace at most: a summary reads its root, path and slowest spans. */
export const TRACE_ENVELOPES_MAX = 100;

/** One log as stored: `attributes` in the SDK's typed form (`{ "customer": { "value": "c3", "type": "string" } }`). */
export interface TraceRecordLog {
  projectId: number;
  /** Epoch ms, with the fraction the SDK sent. */
  timestampMs: number;
  traceId: string | null;
  level: string | null;
  body: string;
  attributes: Record<string, unknown>;
}

/** What `report/trace-records.ts` reads from the store for the featured event's trace. */
export interface TraceRecordsInput {
  traceId: string;
  logs: TraceRecordLog[];
  /** How many logs the trace has in all (the bundle carries those the report quotes). */
  logsTotal: number;
  envelopes: { id: number; projectId: number; raw: Buffer }[];
  /** How many envelopes hold spans of the trace (those past `TRACE_ENVELOPES_MAX` are left out). */
  envelopesTotal: number;
}

/** The section as written in the bundle. */
export interface BundledTraceRecords {
  traceId: string;
  logsTotal: number;
  logs: TraceRecordLog[];
  envelopes: { id: number; projectId: number; data: string }[];
  envelopesTotal: number;
}

function isTyped(v: unknown): v is { value: unknown; type: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v && typeof (v as Obj).type === 'string';
}

/** A log's attributes scrubbed by their names and values, as the report scrubs the values it shows. */
function scrubAttributes(attributes: Record<string, unknown>, ctx: ScrubContext, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(attributes)) {
    const value = isTyped(v) ? v.value : v;
    const scrubbed = (scrubValueWith({ [key]: value }, ctx, path) as Record<string, unknown>)[key];
    out[key] = !isTyped(v) ? scrubbed : scrubbed === value ? v : { value: scrubbed, type: typeof scrubbed === 'string' ? 'string' : v.type };
  }
  return out;
}

/** The bundle's `traceRecords`; envelopes that could not be scrubbed are left out and named in `notes`. */
export function bundleTraceRecords(input: TraceRecordsInput, ctx: ScrubContext | null, includeReplay: boolean, notes: string[]): BundledTraceRecords {
  const logs = input.logs.map((l, i) => (ctx ? {
    ...l, body: scrubTextWith(l.body, ctx, `traceRecords.logs[${i}].body`),
    attributes: scrubAttributes(l.attributes, ctx, `traceRecords.logs[${i}].attributes`),
  } : l));
  const envelopes: BundledTraceRecords['envelopes'] = [];
  for (const e of input.envelopes) {
    const result = exportEnvelope(e.raw, ctx, includeReplay, `traceRecords.envelopes[${e.id}]`);
    if ('data' in result) envelopes.push({ id: e.id, projectId: e.projectId, data: result.data.toString('base64') });
    else notes.push(`trace envelope ${e.id} left out: ${result.omitted}`);
  }
  if (input.envelopesTotal > input.envelopes.length) {
    notes.push(`the trace's spans come in ${input.envelopesTotal} envelopes; the first ${input.envelopes.length} are in this bundle`);
  }
  return { traceId: input.traceId, logsTotal: input.logsTotal, logs, envelopes, envelopesTotal: input.envelopesTotal };
}

export interface ParsedTraceRecords {
  traceId: string;
  logsTotal: number;
  logs: TraceRecordLog[];
  envelopes: { id: number; projectId: number; raw: Buffer }[];
}

/** Reads `traceRecords`: undefined for a bundle written before it was carried, null for an event without a trace. */
export function parseTraceRecords(v: unknown): ParsedTraceRecords | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const w = 'traceRecords';
  const o = obj(v, w);
  const logs = arr(o.logs, `${w}.logs`).map((l, i) => {
    const lw = `${w}.logs[${i}]`;
    const log = obj(l, lw);
    return { projectId: int(log, 'projectId', lw), timestampMs: num(log, 'timestampMs', lw), traceId: strOrNull(log, 'traceId', lw),
      level: strOrNull(log, 'level', lw), body: str(log, 'body', lw), attributes: obj(log.attributes, `${lw}.attributes`) };
  });
  const envelopes = arr(o.envelopes, `${w}.envelopes`).map((e, i) => {
    const ew = `${w}.envelopes[${i}]`;
    const env = obj(e, ew);
    return { id: int(env, 'id', ew), projectId: int(env, 'projectId', ew), raw: base64(env, 'data', ew) };
  });
  const logsTotal = int(o, 'logsTotal', w);
  if (logsTotal < logs.length) throw new BundleError(`${w}.logsTotal (${logsTotal}) is less than the ${logs.length} logs it carries`);
  return { traceId: str(o, 'traceId', w), logsTotal, logs, envelopes };
}
