import type { EnvelopeItem } from '../ingest/envelope';
import { clampTimestamp, toEpochMs } from '../ingest/timestamps';
import { normalizeCheckInId, normalizeEventId } from './normalize-event';
import { parseItemJson, spanHead } from './prepare-event';
import { profileFacts } from './profile-facts';
import { spanBlocks } from './span-blocks';
import { spanItemSources } from './span-sources';
import { prepareSegments } from './prepare-segments';
import { clientReportOutcomes } from './client-outcomes';
import { namingFromAttributes, namingFromSessionRelease } from './telemetry-naming';
import type { PreparedRow, PreparedSegment } from './types';
import { invalidItem } from './invalid-items';
import { sessionByAge } from './session-age';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function containerItems(json: unknown): unknown[] {
  const items = obj(json).items;
  return Array.isArray(items) ? items : [];
}

function row(index: number, kind: PreparedRow['kind'], table: PreparedRow['table'], title: string,
  timestamp: number, rows: Obj[], extra: Partial<PreparedRow> = {}): PreparedRow {
  return { type: 'rows', itemIndex: index, kind, table, title, level: null, timestamp, eventId: null, rows, ...extra };
}

/**
 * Spans: a v2 container (`items`), or a single v1 span; one `span_blocks` row per trace. The
 * streamed segments it holds spans of go to `segments` (see prepare-segments.ts). The first span's
 * `sentry.release` and SDK go along to name the project (telemetry-naming.ts).
 */
export function prepareSpans(item: EnvelopeItem, index: number, received: number, segments?: PreparedSegment[]): PreparedRow {
  const spans = spanItemSources(parseItemJson(item, index));
  segments?.push(...prepareSegments(spans, index));
  const first = spans.length === 1 ? spanHead(spans[0]) : null;
  const title = first ? `span ${first.name ?? first.op ?? ''}`.trim() : `${spans.length} spans`;
  const naming = namingFromAttributes(obj(spans[0]).attributes);
  return row(index, 'span', 'span_blocks', title, received, spanBlocks(spans, null, index), naming ? { naming } : {});
}

/**
 * A log container: `{ items: [{ timestamp, level, body, trace_id, attributes }] }`. The first log's
 * `sentry.release` and SDK go along to name the project, as an event's do (telemetry-naming.ts).
 */
export function prepareLogs(item: EnvelopeItem, index: number, received: number): PreparedRow {
  const list = containerItems(parseItemJson(item, index)).slice(0, 100_000);
  const rows = list.map((l) => {
    const log = obj(l);
    return { timestamp: clampTimestamp(toEpochMs(log.timestamp), received).ms, trace_id: str(log.trace_id), level: str(log.level),
      body: String(log.body ?? '').slice(0, 1_000_000), attributes: JSON.stringify(log.attributes ?? {}) };
  });
  const first = rows[0];
  const title = rows.length === 1 && first ? first.body : `${rows.length} logs${first ? `: ${first.body}` : ''}`;
  const naming = namingFromAttributes(obj(list[0]).attributes);
  return row(index, 'log', 'logs', title.slice(0, 300), received, rows,
    { level: first?.level ?? null, itemBytes: item.payload.length, ...(naming ? { naming } : {}) });
}

/**
 * Sentry files a check-in sent without an environment under "production" (its monitor
 * environment is created by that name), so it joins the SDKs' default environment.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MonitorEnvironmentManager.ensure_environment)
 */
const CHECK_IN_DEFAULT_ENVIRONMENT = 'production';

/** `sentAt`: the envelope's `sent_at` (the SDK's clock when it sent the check-in), kept so a run's errors are judged on their own clock. */
export function prepareCheckIn(item: EnvelopeItem, index: number, received: number, sentAt?: unknown): PreparedRow {
  const c = obj(parseItemJson(item, index));
  // Garbage (before 2000, a day ahead) is dropped as an event's timestamp would be clamped.
  const sent = clampTimestamp(toEpochMs(sentAt), received);
  const slug = str(c.monitor_slug);
  const status = str(c.status);
  return row(index, 'check_in', 'check_ins', `check-in ${slug ?? '?'}: ${status ?? '?'}`, received, [{
    check_in_id: normalizeCheckInId(str(c.check_in_id)), monitor_slug: slug, status, duration: typeof c.duration === 'number' ? c.duration : null,
    environment: str(c.environment) || CHECK_IN_DEFAULT_ENVIRONMENT, received, payload: JSON.stringify(c),
    sent_ms: sent.adjusted ? null : Math.round(sent.ms),
    // Marks the rows the monitor's config is read from (migration 019).
    has_config: typeof c.monitor_config === 'object' && c.monitor_config !== null && !Array.isArray(c.monitor_config) ? 1 : null,
  }]);
}

export function prepareSession(item: EnvelopeItem, index: number, received: number): PreparedRow {
  const kind = item.headers.type === 'sessions' ? 'sessions' : 'session';
  const aged = sessionByAge(kind, obj(parseItemJson(item, index)), received);
  if (!aged.kept) {
    const skipped = invalidItem(item, index, received, 'timestamp', 'started more than 5 days before it arrived (Relay\'s max_session_secs_in_past)');
    return { ...skipped, outcomes: { timestamp: received, outcomes: aged.outcomes } };
  }
  const s = aged.kept;
  const attrs = obj(s.attrs);
  const status = str(s.status);
  const aggregates = Array.isArray(s.aggregates) ? s.aggregates.length : 0;
  const title = kind === 'session' ? `session ${status ?? ''}`.trim() : `session aggregates (${aggregates})`;
  const release = str(attrs.release);
  // An app that sends only sessions is named from their release, as one that sends only logs is.
  const naming = namingFromSessionRelease(release);
  return row(index, kind, 'sessions', title, received, [{
    kind, sid: str(s.sid), status, release, environment: str(attrs.environment),
    errors: typeof s.errors === 'number' ? s.errors : null, received, payload: JSON.stringify(s),
  }], { ...(naming ? { naming } : {}), ...(aged.outcomes.length > 0 ? { outcomes: { timestamp: received, outcomes: aged.outcomes } } : {}) });
}

export function prepareClientReport(item: EnvelopeItem, index: number, received: number): PreparedRow {
  const r = obj(parseItemJson(item, index));
  const discarded = Array.isArray(r.discarded_events) ? r.discarded_events : [];
  const total = discarded.reduce((n: number, d) => n + (Number(obj(d).quantity) || 0), 0);
  return row(index, 'client_report', 'client_reports', `client report: ${total} discarded`, received,
    [{ received, discarded: JSON.stringify(discarded) }], { outcomes: clientReportOutcomes(r, received) });
}

/**
 * The deprecated `user_report` item: `{event_id, name, email, comments}`, where `event_id` is the
 * error's. Its associated id is normalised as event ids are, so it joins `events.event_id`.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function prepareUserReport(item: EnvelopeItem, index: number, received: number): PreparedRow {
  const r = obj(parseItemJson(item, index));
  return row(index, 'user_report', 'feedback', `user report: ${String(r.comments ?? '').slice(0, 200)}`, received, [{
    kind: 'user_report', event_id: str(r.event_id), associated_event_id: normalizeEventId(r.event_id), name: str(r.name),
    email: str(r.email), message: str(r.comments), received,
  }]);
}

/**
 * Relay's limit for one attachment. A larger one is kept cut to this size and flagged
 * `truncated`, its `size` still the size that was sent.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/#size-limits
 */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

const IN_BODY = { data: Buffer.alloc(0), codec: 'raw' };

/**
 * `encode` null: the envelope is stored as sent, so the bytes are read from its item `index`
 * (migration 011) and the row holds none.
 */
export function prepareAttachment(item: EnvelopeItem, index: number, received: number, eventId: string | null,
  encode: ((b: Buffer) => { data: Buffer; codec: string }) | null): PreparedRow {
  const filename = str(item.headers.filename) ?? 'attachment';
  const truncated = item.payload.length > MAX_ATTACHMENT_BYTES;
  const packed = encode ? encode(truncated ? item.payload.subarray(0, MAX_ATTACHMENT_BYTES) : item.payload) : IN_BODY;
  return row(index, 'attachment', 'attachments', `attachment ${filename}${truncated ? ' (truncated)' : ''}`, received, [{
    event_id: eventId, filename, content_type: str(item.headers.content_type) ?? 'application/octet-stream',
    attachment_type: str(item.headers.attachment_type) ?? 'event.attachment', size: item.payload.length,
    truncated: truncated ? 1 : 0, data: packed.data, data_codec: packed.codec, item_index: encode ? null : index,
  }], { eventId });
}

const KNOWN_OTHER: Record<string, PreparedRow['kind']> = {
  profile: 'profile', profile_chunk: 'profile_chunk', profile_chunk_ui: 'profile_chunk', trace_metric: 'trace_metric',
};

/** Item types kept as sent: their bytes stay in the raw envelope, a row records that they came. */
export function prepareOther(item: EnvelopeItem, index: number, received: number): PreparedRow {
  const type = String(item.headers.type);
  let headers: string;
  try {
    headers = JSON.stringify(item.headers);
  } catch {
    headers = JSON.stringify({ type, note: 'headers nested too deep to keep' }); // the raw envelope still has them
  }
  const kind = KNOWN_OTHER[type] ?? 'other';
  // A profile's links and a chunk's profiler and time, so lookups go through indexes (migration 020);
  // the profiler in a chunk's title too, for the Stream.
  const facts = kind === 'profile' || kind === 'profile_chunk' ? { item_index: index, ...profileFacts(kind, item.payload) } : null;
  const profiler = facts?.profiler_id;
  return row(index, kind, 'other_items', `${type}${profiler ? ` ${profiler}` : ''} (${item.payload.length} bytes)`, received, [{
    item_type: type, headers, size: item.payload.length, received, ...facts,
  }]);
}
