import type { SentryEvent } from '../../shared/sentry';
import { applyMinidump } from '../minidump/minidump-event';
import { applyInAppRules, computeGrouping, eventTitle, readingFrames, transactionTitle, type EventTitle } from '../grouping';
import { parseJsonLenient } from '../ingest/lenient-json';
import { toEpochMs } from '../ingest/timestamps';
import type { EnvelopeItem } from '../ingest/envelope';
import { eventTags, normalizeEvent, normalizeEventId, replayIdOf, traceId, userFields, userKey } from './normalize-event';
import { trimEvent } from './trim-event';
import { feedbackEventFields } from './feedback-fields';
import { detectPerformanceProblems, performanceTitle } from '../performance/detect';
import { occurrenceEventId } from './occurrence';
import { wellFormed } from '../../shared/format-chars';
import type { EventFacts, PerformanceOccurrence, PreparedEvent, SpanHead } from './types';

/**
 * An item Lookout cannot read, with Relay's discard reason for it (`invalid_json`, `no_event_payload`).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs (DiscardReason)
 */
export class ItemError extends Error {
  constructor(message: string, readonly status = 400, readonly reason = 'invalid_json') { super(message); }
}

/** Feedback events carry their text in `contexts.feedback.message`, not in an exception or message. */
function feedbackTitle(event: SentryEvent): EventTitle {
  const feedback = event.contexts?.feedback;
  const message = typeof feedback?.message === 'string' ? feedback.message.trim() : '';
  const title = message ? `User Feedback: ${message.split('\n')[0]!.slice(0, 100)}` : 'User Feedback';
  const url = typeof feedback?.url === 'string' ? feedback.url : null;
  return { title, culprit: url, type: 'default', metadata: message ? { message } : {} };
}

export type Symbolicator = (event: SentryEvent, projectId?: number) => Promise<{ event: SentryEvent; changed: boolean }>;

export interface EventContext {
  envelopeHeaders: Record<string, unknown>;
  /** The envelope's `event.minidump` attachment: the crash of an event that has no exception of its own. */
  minidump?: Buffer;
  received: number;
  symbolicate: Symbolicator | null;
  projectId?: number;
  /** The address the request came from, for `{{auto}}` (see normalizeEvent). */
  clientIp?: string | null;
}

export function parseItemJson(item: EnvelopeItem, index: number): unknown {
  try {
    return parseJsonLenient(item.payload.toString('utf8'));
  } catch (err) {
    throw new ItemError(`item ${index + 1} (${item.headers.type}) is not valid JSON: ${(err as Error).message}`);
  }
}

/** Spans kept from one item (a container or a transaction); the rest of a larger one are dropped. */
export const MAX_ITEM_SPANS = 10_000;

/**
 * A transaction's spans as sent (at most {@link MAX_ITEM_SPANS}): its root span, made of the trace context and
 * the transaction's name and times, then `spans[]`. Prepare and the trace API both read them here.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/
 */
export function transactionSpanSources(event: SentryEvent): unknown[] {
  const spans = Array.isArray(event.spans) ? event.spans : [];
  const trace = event.contexts?.trace as Record<string, unknown> | undefined;
  // `measurements` (web vitals) and `transaction_info` (the name's source) ride on the root for the page's vitals (performance/web-vitals.ts).
  const root: unknown[] = trace ? [{ ...trace, description: event.transaction, start_timestamp: event.start_timestamp, timestamp: event.timestamp,
    measurements: event.measurements, transaction_info: event.transaction_info }] : [];
  return [...root, ...spans].slice(0, MAX_ITEM_SPANS);
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The few event fields the store keeps in columns, so the event itself need not travel on. */
export function eventFacts(event: SentryEvent): EventFacts {
  const sdk = event.sdk?.name ? `${event.sdk.name}/${event.sdk.version ?? ''}` : null;
  const message = event.logentry?.formatted ?? event.logentry?.message ?? '';
  return { platform: text(event.platform), release: text(event.release), environment: text(event.environment), sdk,
    message: String(message).slice(0, 2000) };
}

/** Span v2 attributes are `{ key: { type, value } }`. */
function attributeString(attributes: unknown, key: string): string | null {
  const entry = (attributes as Record<string, unknown> | undefined)?.[key];
  const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : entry;
  return typeof value === 'string' ? value : null;
}

const fields = (raw: unknown) => (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
// Float seconds from most SDKs, RFC 3339 strings from sentry-python (both valid; Relay takes either).
const sec = (v: unknown) => toEpochMs(v) ?? null;

/** The fields of one span (from a transaction's `spans[]` or a span v1/v2 item) but its data: what a block's summary needs. */
export function spanHead(raw: unknown): SpanHead {
  const s = fields(raw);
  return {
    traceId: text(s.trace_id), spanId: text(s.span_id), parentSpanId: text(s.parent_span_id),
    op: text(s.op) ?? attributeString(s.attributes, 'sentry.op'), name: text(s.description) ?? text(s.name), status: text(s.status),
    startMs: sec(s.start_timestamp), endMs: sec(s.timestamp) ?? sec(s.end_timestamp),
  };
}

/** A span's data (v1 `data`, v2 `attributes`) as JSON text, cut at 100,000 characters; throws RangeError when nested too deep to serialise. */
export function spanData(raw: unknown): string {
  const s = fields(raw);
  return JSON.stringify(s.data ?? s.attributes ?? {}).slice(0, 100_000);
}

/**
 * An event item parsed, normalised and trimmed as it is stored: throws ItemError when it is not
 * a JSON object. `truncated` tells whether trimming cut anything; `newId` whether neither the
 * envelope nor the event had a usable id, so normalisation drew one (normalising the item again
 * would draw another: the payload must be kept). `sentAt` is the envelope's, for the clock
 * correction (event-clock.ts): a later reading passes it too, so the same times come out.
 */
export function readEventItem(item: EnvelopeItem, index: number, headerId: string | null, received: number,
  clientIp: string | null = null, sentAt?: unknown): { event: SentryEvent; truncated: boolean; newId: boolean } {
  const raw = parseItemJson(item, index);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ItemError(`item ${index + 1} (${item.headers.type}) must be a JSON object`, 400, 'no_event_payload');
  }
  const newId = headerId === null && normalizeEventId((raw as { event_id?: unknown }).event_id) === null;
  const event = normalizeEvent(raw, headerId, received, { itemType: String(item.headers.type), clientIp, sentAt });
  // Before grouping and symbolication, which walk every frame and string.
  return { event, truncated: trimEvent(event, item.payload.length), newId };
}

/**
 * Every performance problem of a transaction, once per fingerprint, in detector order: Sentry
 * sends an occurrence for each, so each makes (or joins) its own issue.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 */
export function performanceOccurrences(event: SentryEvent): PerformanceOccurrence[] {
  const seen = new Set<string>();
  return detectPerformanceProblems(event).flatMap((p) => {
    if (seen.has(p.fingerprint)) return [];
    seen.add(p.fingerprint);
    return [{ fingerprint: p.fingerprint, eventId: occurrenceEventId(String(event.event_id), p.fingerprint), title: performanceTitle(p),
      message: p.description.slice(0, 2000), offenderSpanIds: p.offenderSpanIds }];
  });
}

/** The title and culprit as SQLite should store them: a lone surrogate as one U+FFFD, as the event's JSON shows it (format-chars.ts). */
function storableTitle(title: EventTitle): EventTitle {
  return { ...title, title: wellFormed(title.title), culprit: title.culprit === null ? null : wellFormed(title.culprit) };
}

/**
 * Turns an `event`, `transaction` or `feedback` item into what the store needs: the
 * normalised, symbolicated event, its title and its grouping.
 */
export async function prepareEvent(item: EnvelopeItem, index: number, ctx: EventContext,
  kind: PreparedEvent['kind'], keepPayload = false): Promise<{ prepared: PreparedEvent; spans: unknown[] }> {
  const read = readEventItem(item, index, normalizeEventId(ctx.envelopeHeaders.event_id), ctx.received, ctx.clientIp,
    ctx.envelopeHeaders.sent_at);
  let event = read.event;
  const truncated = read.truncated;
  let changed = truncated || read.newId;
  if (kind === 'event') {
    if (ctx.minidump && applyMinidump(event, ctx.minidump)) changed = true;
    applyInAppRules(event);
    if (ctx.symbolicate) {
      const result = await ctx.symbolicate(event, ctx.projectId);
      event = result.event;
      changed ||= result.changed;
    }
  }
  // Nothing changes the event from here on: its frames are read once for the title and grouping.
  const { title, grouping } = readingFrames(event, () => ({
    title: storableTitle(kind === 'feedback' ? feedbackTitle(event) : kind === 'transaction' ? transactionTitle(event) : eventTitle(event)),
    grouping: kind === 'event' ? computeGrouping(event) : null,
  }));
  const problems = kind === 'transaction' ? performanceOccurrences(event) : [];
  const prepared: PreparedEvent = {
    type: 'event', itemIndex: index, kind, eventId: event.event_id as string, facts: eventFacts(event),
    storedPayload: changed || keepPayload ? Buffer.from(JSON.stringify(event)) : null,
    timestamp: Math.round((event.timestamp ?? ctx.received / 1000) * 1000),
    title, level: String(event.level), userKey: userKey(event), userFields: userFields(event), traceId: traceId(event),
    replayId: replayIdOf(event, ctx.envelopeHeaders), tags: eventTags(event),
    grouping: grouping ? { config: grouping.config, hashes: grouping.hashes } : null,
    truncated,
  };
  if (problems.length > 0) prepared.performance = problems;
  if (kind === 'feedback') prepared.feedback = feedbackEventFields(event);
  return { prepared, spans: kind === 'transaction' ? transactionSpanSources(event) : [] };
}
