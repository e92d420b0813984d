/**
 * A streamed segment (span v2 items: a root span with `is_segment: true` and the spans naming it
 * in `sentry.segment.id`) shaped as the transaction event Sentry's performance detectors read, as
 * Sentry's segments consumer does before it runs them (`build_shim_event_data`): the segment
 * name is the transaction, the root's release, environment and SDK are the event's, each child's
 * `sentry.op` is its `op`, `sentry.description` (else its name) its `description`, `end_timestamp`
 * its `timestamp`, and its attributes its `data`.
 *
 * The root stays out of `spans[]` and becomes `contexts.trace`, as in a transaction event: Sentry
 * hashes a segment span by its segment name for that reason (`get_standalone_span_group`, "for
 * backwards compatibility with transaction events"), so an N+1 found in a streamed segment has the
 * fingerprint it has in the same request sent as a transaction, and joins the same issue.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/consumers/process_segments/shim.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/grouping/strategy/base.py
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import { createHash } from 'node:crypto';
import type { SentryEvent, SentryUser } from '../../shared/sentry';
import { segmentNameOf } from './segment-name';
import { spansInStartOrder } from './segment-order';
import { pageNameOf } from './web-vitals';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A span attribute's value: v2 attributes are `{ value, type }`, v1 `data` holds plain values. */
export function attributeValue(span: unknown, key: string): unknown {
  const s = obj(span);
  const entry = obj(s.attributes ?? s.data)[key];
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'value' in entry ? (entry as { value?: unknown }).value : entry;
}

/** Whether the SDK marked this span as its segment's root. */
export const isSegmentRoot = (span: unknown): boolean => obj(span).is_segment === true;

/** The segment a span belongs to: its `sentry.segment.id`, or its own id when it is a segment root. */
export function segmentIdOf(span: unknown): string | null {
  return str(attributeValue(span, 'sentry.segment.id')) ?? (isSegmentRoot(span) ? str(obj(span).span_id) : null);
}

/**
 * The id a segment's problems are filed under (the occurrence ids derive from it, `occurrence.ts`):
 * stable for a trace and segment, so detecting the segment again finds the same rows.
 */
export function segmentEventId(traceId: string, segmentId: string): string {
  return createHash('sha1').update(`segment:${traceId}:${segmentId}`).digest('hex').slice(0, 32);
}

/** Attributes every span of a segment repeats: read once, from the root, into the event's fields, not into each span's data. */
const SEGMENT_ATTRIBUTES = new Set(['sentry.segment.name', 'sentry.segment.id', 'sentry.segment.name.source', 'sentry.sdk.name',
  'sentry.sdk.version', 'sentry.sdk.integrations', 'sentry.release', 'sentry.environment', 'sentry.dist', 'sentry.platform',
  'sentry.trace_lifecycle', 'sentry.op', 'sentry.description', 'user.id', 'user.email', 'user.ip_address', 'user.name']);

/** The detectors' span: `op`, `description`, `start_timestamp`/`timestamp`, ids, and the attributes as `data`. */
function eventSpan(raw: unknown): Obj {
  const s = obj(raw);
  const data: Obj = {};
  for (const key of Object.keys(obj(s.attributes ?? s.data))) {
    if (SEGMENT_ATTRIBUTES.has(key)) continue;
    const value = attributeValue(s, key);
    if (value !== undefined && value !== null) data[key] = value;
  }
  return {
    span_id: s.span_id, parent_span_id: s.parent_span_id, trace_id: s.trace_id,
    op: str(attributeValue(s, 'sentry.op')) ?? str(s.op) ?? 'default',
    description: str(attributeValue(s, 'sentry.description')) ?? str(s.name) ?? str(s.description),
    start_timestamp: s.start_timestamp, timestamp: s.end_timestamp ?? s.timestamp, status: s.status, data,
  };
}

function segmentUser(root: unknown): SentryUser | undefined {
  const user: SentryUser = {};
  const fields = [['id', 'user.id'], ['email', 'user.email'], ['ip_address', 'user.ip_address'], ['username', 'user.name']] as const;
  for (const [field, key] of fields) {
    const value = attributeValue(root, key);
    if (typeof value === 'string' || (typeof value === 'number' && field === 'id')) user[field] = value as string;
  }
  return Object.keys(user).length > 0 ? user : undefined;
}

/**
 * The transaction-shaped event of segment `root` with its `children` (in any order: they are put
 * in the order they started, as a transaction lists them, see segment-order.ts), under id
 * `eventId` (see {@link segmentEventId}).
 */
export function segmentEvent(root: unknown, children: readonly unknown[], eventId: string): SentryEvent {
  const r = obj(root);
  const rootSpan = eventSpan(root);
  const at = (key: string) => str(attributeValue(root, key));
  const sdkName = at('sentry.sdk.name');
  const browser = at('browser.name');
  const event: SentryEvent = {
    event_id: eventId, type: 'transaction', level: 'info',
    // A page load streamed without a route is named "Pageload" by the SDK: its page is its URL path (web-vitals.ts).
    // A server request is named by its method and route or path, as Relay names it (segment-name.ts).
    transaction: pageNameOf(root) ?? segmentNameOf(root) ?? '',
    start_timestamp: r.start_timestamp as number, timestamp: (r.end_timestamp ?? r.timestamp) as number,
    contexts: {
      trace: { trace_id: r.trace_id, span_id: r.span_id, parent_span_id: r.parent_span_id ?? undefined, type: 'trace',
        op: at('sentry.transaction.op') ?? rootSpan.op, status: r.status, data: rootSpan.data },
      ...(browser ? { browser: { name: browser } } : {}),
    },
    spans: spansInStartOrder(children).map(eventSpan),
  };
  const fields = { release: at('sentry.release'), environment: at('sentry.environment'), dist: at('sentry.dist'), platform: at('sentry.platform') };
  for (const [key, value] of Object.entries(fields)) if (value) event[key] = value;
  if (sdkName) event.sdk = { name: sdkName, version: at('sentry.sdk.version') ?? '' };
  const user = segmentUser(root);
  if (user) event.user = user;
  return event;
}
