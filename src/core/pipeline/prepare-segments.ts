/**
 * Performance issues of streamed segments. With span streaming (the default of the JavaScript
 * SDKs from v11) a request's spans come as span v2 items, not as a transaction event: Sentry
 * buffers a segment's spans until its root (`is_segment`) has come, builds a transaction-like
 * event of them and runs the performance detectors on it (`process_segments`). Here each span item
 * is split by segment; a part that holds the root is detected at once, on the prepare worker, from
 * the spans of its own item: the SDK sends a segment's spans with its root, 500 ms after the root
 * ends, unless the segment outlasted its span buffer (5 s, 1,000 spans). The writer tells those
 * cases apart (earlier parts stored, children after the root) and detects the whole segment again
 * from the store (`store/segment-writer.ts`).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/consumers/process_segments/message.py
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { SentryEvent } from '../../shared/sentry';
import { transactionTitle } from '../grouping';
import { attributeValue, segmentEvent, segmentEventId, segmentIdOf } from '../performance/segment-event';
import { encodePayload } from '../store/codec';
import { eventTags, userFields, userKey } from './normalize-event';
import { eventFacts, MAX_ITEM_SPANS, performanceOccurrences } from './prepare-event';
import type { PerformanceOccurrence, PreparedEvent, PreparedSegment } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Parent links followed to find the segment of a span that does not name it (an SDK that sends no `sentry.segment.id`). */
const MAX_DEPTH = 100;

interface Group { traceId: string; segmentId: string; root: unknown; children: unknown[] }

/** The segment of each span: as named, else that of its nearest ancestor in the same item that has one. */
function segmentsOf(spans: readonly unknown[]): (string | null)[] {
  const named = spans.map(segmentIdOf);
  if (named.every((id) => id !== null)) return named;
  const byId = new Map<string, number>();
  spans.forEach((s, i) => { const id = str(obj(s).span_id); if (id) byId.set(id, i); });
  return named.map((id, i) => {
    let at = i;
    for (let depth = 0; id === null && depth < MAX_DEPTH; depth++) {
      const parent = byId.get(str(obj(spans[at]).parent_span_id) ?? '');
      if (parent === undefined) break;
      at = parent;
      id = named[parent] ?? null;
    }
    return id;
  });
}

/** A segment's spans grouped as sent: its root, if here, and the rest in order. */
export function segmentGroups(spans: readonly unknown[]): Group[] {
  const groups = new Map<string, Group>();
  const segments = segmentsOf(spans);
  // An item mostly holds one segment's spans: the previous span's group is looked up by key only when the span leaves it.
  let last: Group | undefined;
  for (let i = 0; i < spans.length; i++) {
    const span = obj(spans[i]);
    const segmentId = segments[i];
    const traceId = str(span.trace_id);
    if (!segmentId || !traceId) continue;
    let group = last !== undefined && last.traceId === traceId && last.segmentId === segmentId ? last : undefined;
    if (!group) {
      const key = `${traceId}:${segmentId}`;
      group = groups.get(key);
      if (!group) groups.set(key, (group = { traceId, segmentId, root: null, children: [] }));
    }
    last = group;
    if (span.is_segment === true && str(span.span_id) === segmentId) group.root = spans[i];
    else group.children.push(spans[i]);
  }
  return [...groups.values()];
}

/** True when a span could start a problem: every detector reads `db*`, `http*` or `resource.*` spans (see detect.ts). */
function mayHaveProblems(children: readonly unknown[]): boolean {
  return children.some((s) => {
    const op = str(attributeValue(s, 'sentry.op')) ?? str(obj(s).op);
    return op !== null && (op.startsWith('db') || op.startsWith('http') || op.startsWith('resource.'));
  });
}

/** A segment's event and problems; none (and no event built) when no span could start one. */
export function detectSegment(traceId: string, root: unknown, children: readonly unknown[]):
  { event: SentryEvent; problems: PerformanceOccurrence[] } | null {
  const kept = children.slice(0, MAX_ITEM_SPANS);
  if (!mayHaveProblems(kept)) return null;
  const segmentId = str(obj(root).span_id) ?? '';
  const event = segmentEvent(root, kept, segmentEventId(traceId, segmentId));
  return { event, problems: performanceOccurrences(event) };
}

/** The issue writer's view of a segment's event: a transaction's fields, its problems to file. */
export function segmentIssueEvent(event: SentryEvent, itemIndex: number, problems: PerformanceOccurrence[]): PreparedEvent {
  const end = typeof event.timestamp === 'number' ? event.timestamp : 0;
  return {
    type: 'event', itemIndex, kind: 'transaction', eventId: String(event.event_id), facts: eventFacts(event), storedPayload: null,
    timestamp: Math.round(end * 1000), title: transactionTitle(event), level: 'info', userKey: userKey(event), userFields: userFields(event),
    traceId: typeof event.contexts?.trace?.trace_id === 'string' ? event.contexts.trace.trace_id : null, replayId: null,
    tags: eventTags(event), grouping: null, truncated: false, performance: problems,
  };
}

/**
 * The segments span item `itemIndex` holds spans of, each with its problems when its root is here:
 * the event is built, detected and packed here, on the prepare worker, only for a root whose
 * children include a `db*`, `http*` or `resource.*` span.
 */
export function prepareSegments(spans: readonly unknown[], itemIndex: number): PreparedSegment[] {
  return segmentGroups(spans).map(({ traceId, segmentId, root, children }) => {
    const part: PreparedSegment = { itemIndex, traceId, segmentId, spanCount: children.length + (root ? 1 : 0), hasRoot: root !== null };
    const found = root ? detectSegment(traceId, root, children) : null;
    if (found && found.problems.length > 0) {
      part.event = segmentIssueEvent(found.event, itemIndex, found.problems);
      part.payload = encodePayload(Buffer.from(JSON.stringify(found.event)));
    }
    return part;
  });
}
