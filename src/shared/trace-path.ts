/**
 * The path of an event through its trace: the spans from the trace's root down to the span the
 * event happened in, as Sentry's issue page previews an error's trace. Shared by the bug report's
 * trace summary and the issue page's trace preview.
 *
 * The span an error names (`contexts.trace.span_id`) is the SDK's active span when it was captured,
 * but an SDK keeps naming a span after it ended (the browser's pageload span once the page is idle),
 * and with no span active it names only the trace's own context: a fresh span id with no parent
 * (`getTraceContextFromScope` in @sentry/core). {@link placeErrorInTrace} therefore checks the named
 * span against the error's time and otherwise places the error by time.
 * @see https://docs.sentry.io/concepts/key-terms/tracing/trace-view/
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/core/src/currentScopes.ts
 */

interface Linked { spanId: string | null; parentSpanId: string | null }
interface Timed extends Linked { startMs: number | null; endMs: number | null }

/** Root first, `spanId`'s span last; just the trace's root (found: false) when that span is not among `spans`. */
export function tracePathTo<T extends Linked>(spans: readonly T[], spanId: string | null): { chain: T[]; found: boolean } {
  const byId = new Map<string, T>();
  for (const s of spans) if (s.spanId) byId.set(s.spanId, s);
  const chain: T[] = [];
  const seen = new Set<T>();
  // `seen` stops a loop of parent links (an SDK bug) from running forever.
  for (let at = spanId ? byId.get(spanId) : undefined; at && !seen.has(at); at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
    seen.add(at);
    chain.unshift(at);
  }
  if (chain.length > 0) return { chain, found: true };
  const root = spans.find((s) => !s.parentSpanId || !byId.has(s.parentSpanId));
  return { chain: root ? [root] : [], found: false };
}

/**
 * Where the error sits in its trace:
 * - `named`: in the span it names, open at the error's time (or the time is unknown);
 * - `by-time`: in the innermost span open at the error's time (the named span had ended, or it named none);
 * - `after`: after every span of the trace had ended (`afterMs` after the last end), the path ends at the span it named or the root;
 * - `missing`: it names a span under a received parent that is not among the spans (not received): the path ends at that parent;
 * - `unplaced`: neither a span nor a time places it: the trace's root.
 */
export type ErrorPlacement = 'named' | 'by-time' | 'after' | 'missing' | 'unplaced';

/** The error's reference into its trace: the trace context's span and parent ids and the error's time (epoch ms). */
export interface ErrorTraceRef { spanId: string | null; parentSpanId: string | null; atMs: number | null }

/**
 * Clock slack between an error's timestamp and its span's end: the browser SDK times spans with
 * `performance.now()` and events with `Date.now()`, which drift apart by some milliseconds.
 */
export const SPAN_TIME_SLACK_MS = 50;

const openAt = (s: Timed, at: number): boolean =>
  s.startMs !== null && s.endMs !== null && s.startMs - SPAN_TIME_SLACK_MS <= at && at <= s.endMs + SPAN_TIME_SLACK_MS;

/** The path from the trace's root to where the error happened, and how it was placed. */
export function placeErrorInTrace<T extends Timed>(spans: readonly T[], ref: ErrorTraceRef):
  { chain: T[]; placement: ErrorPlacement; afterMs: number | null } {
  const named = tracePathTo(spans, ref.spanId);
  const last = named.found ? named.chain[named.chain.length - 1] : undefined;
  if (last && (ref.atMs === null || last.endMs === null || openAt(last, ref.atMs))) return { chain: named.chain, placement: 'named', afterMs: null };
  // A span id under a parent that was received, itself missing: it was not received.
  if (!named.found && ref.spanId !== null && ref.parentSpanId !== null) {
    const parent = tracePathTo(spans, ref.parentSpanId);
    if (parent.found) return { chain: parent.chain, placement: 'missing', afterMs: null };
  }
  if (ref.atMs !== null) {
    const at = ref.atMs;
    // The deepest open span: the one with the longest path from the root.
    let best: T[] = [];
    for (const s of spans) {
      if (!openAt(s, at)) continue;
      const path = tracePathTo(spans, s.spanId).chain;
      if (path.length > best.length) best = path;
    }
    if (best.length > 0) return { chain: best, placement: 'by-time', afterMs: null };
    const ends = spans.map((s) => s.endMs).filter((e): e is number => e !== null);
    const lastEnd = ends.length > 0 ? Math.max(...ends) : null;
    if (lastEnd !== null && at > lastEnd) return { chain: named.chain, placement: 'after', afterMs: at - lastEnd };
  }
  return { chain: named.chain, placement: named.found ? 'named' : 'unplaced', afterMs: null };
}
