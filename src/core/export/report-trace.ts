/**
 * The featured event's trace in a report: its id, a link to it in Lookout, and the logs the app wrote
 * in that trace around the event (Sentry's issue page shows the trace's logs beside the error), each
 * with its level, time, message and a few attributes, scrubbed like the rest of the report.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 * @see https://docs.sentry.io/product/explore/logs/
 */
import type { LogEntry } from '../../shared/api-telemetry';
import { stripAnsi } from '../../shared/ansi';
import { asObj, asStr, clip, isoTime, relativeTime, type Obj } from './format';
import { scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';
import { errorTraceRef, traceSummaryView, type TraceSummaryInput, type TraceSummaryView } from './report-trace-summary';

/** Logs a report quotes at most: those closest in time to the event. */
export const REPORT_LOGS_MAX = 50;
/** Attributes shown per log at most; the SDK's own (`sentry.*`) are left out, they say the same for every log. */
const ATTRIBUTES_SHOWN = 4;
const MESSAGE_CHARS = 2000;
const VALUE_CHARS = 200;

/** What `report/report-source.ts` reads: the logs nearest the event, in time order, and how many the trace has. */
export interface TraceLogsInput {
  logs: LogEntry[];
  total: number;
  /** The issue was imported from a bundle that did not carry its trace's logs and spans: none stored says nothing. */
  notInBundle?: boolean;
}

export interface LogLineView { level: string; time: string; offset: string; message: string; attributes: [string, string][] }

export interface TraceView {
  traceId: string;
  /**
   * The trace's page in the Lookout that exported the report, when its address is stable (a `--port 0`
   * one is never passed): it opens on the sender's machine only, so the reports label it so.
   */
  link: string | null;
  logs: LogLineView[];
  /** How many logs the trace has in all; `total - logs.length` were left out. */
  total: number;
  /** False when the logs were not looked up (a report built without the store): nothing is said about them. */
  logsLookedUp: boolean;
  /** The logs and spans are not in the bundle the issue was imported from: the report says so, never "no logs". */
  logsNotInBundle: boolean;
  /** The error's path through the trace, its services, slowest spans and performance issues; null when no span of it is stored. */
  summary: TraceSummaryView | null;
}

/** Only a 32-digit hex id is written into a link: event data never makes a URL of its own. */
const TRACE_ID_RE = /^[0-9a-f]{32}$/i;

export function traceView(payload: Obj, fallbackTraceId: string | null, logs: TraceLogsInput | undefined, lookoutUrl: string | undefined,
  errorMs: number | null, ctx: ScrubContext | null, spans?: TraceSummaryInput): TraceView | null {
  const trace = asObj(asObj(payload.contexts)?.trace);
  const fromContext = asStr(trace?.trace_id);
  const traceId = (fromContext ?? fallbackTraceId ?? '').replace(/-/g, '');
  if (!TRACE_ID_RE.test(traceId)) return null;
  const base = lookoutUrl && /^https?:\/\/[^\s"'<>]+$/.test(lookoutUrl) ? lookoutUrl.replace(/\/+$/, '') : null;
  return {
    traceId: traceId.toLowerCase(),
    link: base === null ? null : `${base}/#/traces/${traceId.toLowerCase()}`,
    logs: (logs?.logs ?? []).map((l, i) => logLine(l, errorMs, ctx, `traceLogs[${i}]`)),
    total: Math.max(logs?.total ?? 0, logs?.logs.length ?? 0),
    logsLookedUp: logs !== undefined,
    logsNotInBundle: logs?.notInBundle === true,
    // The span the error happened in: the one active when it was captured.
    summary: spans ? traceSummaryView(spans, errorTraceRef(payload), ctx, payload.type === 'transaction' ? 'transaction' : 'error') : null,
  };
}

function logLine(log: LogEntry, errorMs: number | null, ctx: ScrubContext | null, path: string): LogLineView {
  const raw = clip(stripAnsi(log.body), MESSAGE_CHARS);
  const own = Object.entries(log.attributes).filter(([key]) => !key.startsWith('sentry.')).slice(0, ATTRIBUTES_SHOWN);
  const attrs = ctx ? scrubValueWith(Object.fromEntries(own), ctx, `${path}.attributes`) : Object.fromEntries(own);
  return {
    level: log.level ?? 'info',
    time: isoTime(log.timestamp),
    offset: errorMs === null ? '?' : relativeTime(log.timestamp - errorMs),
    message: ctx ? scrubTextWith(raw, ctx, `${path}.body`) : raw,
    attributes: Object.entries(attrs).map(([k, v]) => [k, clip(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v), VALUE_CHARS)]),
  };
}

/** Said instead of "no logs" when the issue came from a bundle without its trace (one written before bundles carried it). */
export const TRACE_NOT_IN_BUNDLE = 'The trace\'s logs and spans are not in the bundle this issue was imported from (it was written before '
  + 'bundles carried them), so whether the app wrote logs in this trace is not known here.';

/** "3 logs of this trace", or "The 50 logs nearest the error of the trace's 212 (162 left out)". */
export function traceLogsNote(view: TraceView, moment: string): string {
  const shown = view.logs.length;
  if (shown >= view.total) return `${shown} log${shown === 1 ? '' : 's'} of this trace, times relative to ${moment}.`;
  return `The ${shown} logs nearest ${moment} of the trace's ${view.total} (${view.total - shown} left out), times relative to ${moment}.`;
}
