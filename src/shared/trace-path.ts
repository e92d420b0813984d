/**
 * The path of an event through its trace: the spans from the trace's root down to the span the
 * event happened in (the one active when it was captured), as Sentry's issue page previews an
 * error's trace. Shared by the bug report's trace summary and the issue page's trace preview.
 * @see https://docs.sentry.io/concepts/key-terms/tracing/trace-view/
 */

interface Linked { spanId: string | null; parentSpanId: string | null }

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
