/**
 * The "Trace" summary of a bug report, what Sentry's issue page shows of an error's trace (its
 * trace preview and "Trace Details"): the error's path (the root transaction, down span by span to
 * the span the error happened in, each with its duration and service), the services (projects and
 * their SDKs) that took part, the slowest spans, and the trace's performance issues. Span names
 * are event data: scrubbed like the rest of the report, never rendered as HTML.
 * @see https://docs.sentry.io/concepts/key-terms/tracing/trace-view/
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { TracePerformanceIssue, TraceSpan } from '../../shared/api-telemetry';
import { httpMethodSpanName } from '../../shared/http-span-name';
import { tracePathTo } from '../../shared/trace-path';
import { clip } from './format';
import { scrubTextWith, type ScrubContext } from './scrub';

/** Spans listed as the slowest; spans of a path at most (a deeper one keeps its root and the spans nearest the error). */
export const SLOWEST_SPANS = 5;
const PATH_MAX = 12;
const NAME_CHARS = 300;

/** A service of the trace: a project, its platform and the SDKs its events and spans named. */
export interface TraceService { projectId: number; name: string; platform: string | null; sdks: string[]; spanCount: number }

/** What `report/trace-summary.ts` reads from the store for the featured event's trace. */
export interface TraceSummaryInput {
  spans: TraceSpan[];
  spansTruncated: boolean;
  durationMs: number | null;
  services: TraceService[];
  performanceIssues: TracePerformanceIssue[];
}

export interface TraceSpanLine { spanId: string | null; op: string | null; name: string; durationMs: number | null; duration: string; service: string | null }

export interface TraceSummaryView {
  spanCount: number;
  spansTruncated: boolean;
  duration: string | null;
  /** Root first, the error's span last; `pathCut` spans between were left out of a deep path. */
  path: TraceSpanLine[];
  pathCut: number;
  /** False when the error's span is not among the trace's spans: the path stops at the root. */
  errorSpanFound: boolean;
  /** What the report is about: an error, or a transaction (a performance issue's event). */
  subject: 'error' | 'transaction';
  services: TraceService[];
  slowest: TraceSpanLine[];
  performanceIssues: { issueId: number; title: string; value: string | null }[];
}

/** A span's duration as the trace page writes it: `8.4ms`, `740ms`, `1.57s`. */
export function spanDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

const durationOf = (s: TraceSpan): number | null => (s.startMs !== null && s.endMs !== null ? Math.max(0, s.endMs - s.startMs) : null);

function line(s: TraceSpan, services: ReadonlyMap<number, string>, ctx: ScrubContext | null, path: string): TraceSpanLine {
  const raw = clip(httpMethodSpanName(s.name, (key) => s.data[key]) ?? s.name ?? s.op ?? s.spanId ?? 'span', NAME_CHARS);
  const ms = durationOf(s);
  return { spanId: s.spanId, op: s.op, name: ctx ? scrubTextWith(raw, ctx, path) : raw, durationMs: ms,
    duration: ms === null ? '?' : spanDuration(ms), service: services.get(s.projectId) ?? null };
}

/** The summary of the featured event's trace; `errorSpanId` is the span active when the error was captured. */
export function traceSummaryView(input: TraceSummaryInput, errorSpanId: string | null, ctx: ScrubContext | null,
  subject: 'error' | 'transaction' = 'error'): TraceSummaryView {
  const names = new Map(input.services.map((s) => [s.projectId, s.name]));
  const { chain, found } = tracePathTo(input.spans, errorSpanId);
  const kept = chain.length > PATH_MAX ? [chain[0]!, ...chain.slice(chain.length - (PATH_MAX - 1))] : chain;
  const slowest = input.spans.filter((s) => durationOf(s) !== null).sort((a, b) => (durationOf(b) ?? 0) - (durationOf(a) ?? 0)).slice(0, SLOWEST_SPANS);
  return {
    spanCount: input.spans.length, spansTruncated: input.spansTruncated,
    duration: input.durationMs === null ? null : spanDuration(input.durationMs),
    path: kept.map((s, i) => line(s, names, ctx, `trace.path[${i}]`)), pathCut: chain.length - kept.length, errorSpanFound: found, subject,
    services: input.services,
    slowest: slowest.map((s, i) => line(s, names, ctx, `trace.slowest[${i}]`)),
    performanceIssues: input.performanceIssues.map((p, i) => ({ issueId: p.issueId, title: p.title,
      value: p.value === null ? null : ctx ? scrubTextWith(clip(p.value, NAME_CHARS), ctx, `trace.performanceIssues[${i}]`) : clip(p.value, NAME_CHARS) })),
  };
}

/** "api (node, sentry.javascript.node) · worker (python)": each service, its platform and SDKs. */
/** The sentence that introduces the path, and the mark of its last span. */
export function pathWords(v: TraceSummaryView): { intro: string; here: string } {
  if (v.subject === 'transaction') {
    return { intro: v.errorSpanFound ? 'The transaction\'s path, from the root:' : 'The transaction\'s span was not received; the trace\'s root:', here: 'this transaction' };
  }
  return { intro: v.errorSpanFound ? 'The error\'s path, from the root:' : 'The span the error happened in was not received; the trace\'s root:',
    here: 'the error happened here' };
}

export function serviceText(s: TraceService): string {
  const facts = [s.platform, ...s.sdks.filter((sdk) => sdk !== s.platform)].filter((f): f is string => !!f);
  return `${s.name}${facts.length ? ` (${facts.join(', ')})` : ''} · ${s.spanCount} span${s.spanCount === 1 ? '' : 's'}`;
}

/** The JSON bundle's trace summary: that of the newest event's trace, or null when no span of it is stored. */
export function bundleTraceSummary(input: { traceSummary?: TraceSummaryInput; events: readonly { payload?: unknown }[] }, ctx: ScrubContext | null):
  TraceSummaryView | null {
  const payload = input.events[0]?.payload as { type?: unknown; contexts?: { trace?: { span_id?: unknown } } } | undefined;
  const spanId = payload?.contexts?.trace?.span_id;
  return input.traceSummary ? traceSummaryView(input.traceSummary, typeof spanId === 'string' ? spanId : null, ctx,
    payload?.type === 'transaction' ? 'transaction' : 'error') : null;
}
