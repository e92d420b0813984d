/**
 * The order the detectors read a streamed segment's spans in. With span streaming an SDK sends a
 * span when it ends, so a child comes before its parent and the root last (`@sentry/node` 11's
 * `traceLifecycle: 'stream'`): read as sent, the N+1 detector would meet seven queries before the
 * `load orders` span they run under, and MN+1 and consecutive-query runs would be cut by spans that
 * ended later. A transaction event lists its spans in the order they started; this restores that
 * order once per segment, whatever order the spans came in: by start time, a parent before its
 * child on equal starts (a child starts no earlier than its parent), then by span id.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const startOf = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.POSITIVE_INFINITY);

/** Parent links followed to find a span's depth: a loop in the links (a bad SDK) stops here. */
const MAX_DEPTH = 100;

/** `spans` (a segment's children, as sent) in the order they started, each parent before its children. */
export function spansInStartOrder<T>(spans: readonly T[]): T[] {
  const parentOf = new Map<string, string>();
  for (const s of spans) {
    const o = obj(s);
    if (str(o.span_id) && str(o.parent_span_id)) parentOf.set(str(o.span_id), str(o.parent_span_id));
  }
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let at = parentOf.get(id); at !== undefined && depth < MAX_DEPTH; at = parentOf.get(at)) depth++;
    return depth;
  };
  const keyed = spans.map((span, sent) => {
    const o = obj(span);
    return { span, sent, start: startOf(o.start_timestamp), depth: depthOf(str(o.span_id)), id: str(o.span_id) };
  });
  keyed.sort((a, b) => a.start - b.start || a.depth - b.depth || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.sent - b.sent));
  return keyed.map((k) => k.span);
}
