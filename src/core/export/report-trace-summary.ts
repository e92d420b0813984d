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
import { placeErrorInTrace, type ErrorPlacement, type ErrorTraceRef } from '../../shared/trace-path';
import { platformOfSdk } from '../../shared/sdk-platform';
import { asObj, asStr, clip, formatDuration, toMillis, type Obj } from './format';
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
  /** True when the path ends at the span the error happened in (named by it, or open at its time). */
  errorSpanFound: boolean;
  /** How the error was placed in the trace (`shared/trace-path.ts`). */
  placement: ErrorPlacement;
  /** With placement `after`: how long after the trace's last span ended the error happened. */
  afterMs: number | null;
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

/**
 * The summary of the featured event's trace; `error` is the trace context it was captured with (the span
 * active then, its parent) and its time, which place it (`placeErrorInTrace`).
 */
export function traceSummaryView(input: TraceSummaryInput, error: ErrorTraceRef, ctx: ScrubContext | null,
  subject: 'error' | 'transaction' = 'error'): TraceSummaryView {
  const names = new Map(input.services.map((s) => [s.projectId, s.name]));
  // A transaction is its own span: it is placed by its id alone.
  const { chain, placement, afterMs } = placeErrorInTrace(input.spans, subject === 'transaction' ? { ...error, atMs: null } : error);
  const kept = chain.length > PATH_MAX ? [chain[0]!, ...chain.slice(chain.length - (PATH_MAX - 1))] : chain;
  const slowest = input.spans.filter((s) => durationOf(s) !== null).sort((a, b) => (durationOf(b) ?? 0) - (durationOf(a) ?? 0)).slice(0, SLOWEST_SPANS);
  return {
    spanCount: input.spans.length, spansTruncated: input.spansTruncated,
    duration: input.durationMs === null ? null : spanDuration(input.durationMs),
    path: kept.map((s, i) => line(s, names, ctx, `trace.path[${i}]`)), pathCut: chain.length - kept.length,
    errorSpanFound: placement === 'named' || placement === 'by-time', placement, afterMs, subject,
    services: input.services,
    slowest: slowest.map((s, i) => line(s, names, ctx, `trace.slowest[${i}]`)),
    performanceIssues: input.performanceIssues.map((p, i) => ({ issueId: p.issueId, title: p.title,
      value: p.value === null ? null : ctx ? scrubTextWith(clip(p.value, NAME_CHARS), ctx, `trace.performanceIssues[${i}]`) : clip(p.value, NAME_CHARS) })),
  };
}

/** The sentence that introduces the path, and the mark of its last span (null: no mark, the intro says where the error was). */
export function pathWords(v: TraceSummaryView): { intro: string; here: string | null } {
  if (v.subject === 'transaction') {
    return v.errorSpanFound ? { intro: 'The transaction\'s path, from the root:', here: 'this transaction' }
      : { intro: 'The transaction\'s span was not received; the trace\'s root:', here: null };
  }
  switch (v.placement) {
    case 'named': return { intro: 'The error\'s path, from the root:', here: 'the error happened here' };
    case 'by-time': return { intro: 'The error\'s path, from the root (placed by the error\'s time: no span it names was open then):',
      here: 'the error happened during this span' };
    case 'after': return { intro: `The error happened ${formatDuration(v.afterMs ?? 0)} after the trace's last span ended; `
      + `${v.path.length > 1 ? 'the path to the span it names' : 'the trace\'s root'}:`, here: null };
    case 'missing': return { intro: 'The span the error happened in was not received; the path to its parent:', here: 'the error\'s span (not received) was under this one' };
    default: return { intro: 'The error names no span of this trace; the trace\'s root:', here: null };
  }
}

/**
 * A service's platform: the one its SDKs name (a Node SDK's events in a project created as Python are
 * Node's), else the project's.
 */
export function servicePlatform(s: TraceService): string | null {
  const named = [...new Set(s.sdks.map(platformOfSdk).filter((p): p is string => p !== null))];
  return named.length === 1 ? named[0]! : s.platform;
}

/** "api (node, sentry.javascript.node) · 3 spans": a service, its platform and SDKs. */
export function serviceText(s: TraceService): string {
  const platform = servicePlatform(s);
  const facts = [platform, ...s.sdks.filter((sdk) => sdk !== platform)].filter((f): f is string => !!f);
  return `${s.name}${facts.length ? ` (${facts.join(', ')})` : ''} · ${s.spanCount} span${s.spanCount === 1 ? '' : 's'}`;
}

/** The JSON bundle's trace summary: that of the newest event's trace, or null when no span of it is stored. */
export function bundleTraceSummary(input: { traceSummary?: TraceSummaryInput; events: readonly { payload?: unknown }[] }, ctx: ScrubContext | null):
  TraceSummaryView | null {
  const payload = asObj(input.events[0]?.payload) ?? {};
  return input.traceSummary ? traceSummaryView(input.traceSummary, errorTraceRef(payload), ctx,
    payload.type === 'transaction' ? 'transaction' : 'error') : null;
}

/** The error's reference into its trace, from its payload: `contexts.trace` and its `timestamp`. */
export function errorTraceRef(payload: Obj): ErrorTraceRef {
  const trace = asObj(asObj(payload.contexts)?.trace);
  return { spanId: asStr(trace?.span_id), parentSpanId: asStr(trace?.parent_span_id), atMs: toMillis(payload.timestamp) };
}
