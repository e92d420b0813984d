import type { Envelope } from '../ingest/envelope';
import { normalizeEventId } from './normalize-event';
import { ItemError, parseItemJson, prepareEvent, type Symbolicator } from './prepare-event';
import { DROPPED_WHEN_UNREADABLE, dropEventGroup, invalidItem, unreadableReason } from './invalid-items';
import {
  prepareAttachment, prepareCheckIn, prepareClientReport, prepareLogs, prepareOther, prepareSession, prepareSpans,
  prepareUserReport,
} from './prepare-items';
import { prepareRecording, prepareReplayEvent, prepareReplayVideo } from './prepare-replay';
import { spanBlocks } from './span-blocks';
import type { EnvelopePlan, RequestRecord } from './types';
import { encodePayload } from '../store/codec';

export { ItemError };

const EVENT_KINDS = { event: 'event', transaction: 'transaction', feedback: 'feedback' } as const;

/**
 * Everything that can be done before the write transaction: parse each item, normalise,
 * symbolicate and group events. As in Relay, whose endpoint reads only the envelope's headers, a
 * broken item never fails the envelope: an event item that is not a JSON object is dropped with the
 * items Relay processes with it (its attachments, user reports and profile) under the `invalid`
 * outcome, each kept as sent (invalid-items.ts); any other broken item is kept as sent with a note.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor.rs (ProcessingError::InvalidJson)
 */
export async function prepareEnvelope(envelope: Envelope, request: RequestRecord, projectId: number,
  symbolicate: Symbolicator | null, opts: { keepEventPayload?: boolean; attachmentsInBody?: boolean } = {}): Promise<EnvelopePlan> {
  const received = request.received;
  const headerId = normalizeEventId(envelope.headers.event_id);
  const plan: EnvelopePlan = { request, projectId, itemCount: envelope.items.length, items: [], responseId: null, spans: [], replay: null };
  const minidump = envelope.items.find((i) => i.headers.type === 'attachment' && i.headers.attachment_type === 'event.minidump')?.payload;
  const ctx = { envelopeHeaders: envelope.headers, received, symbolicate, projectId, clientIp: request.remoteAddr ?? null, minidump };
  // Set when an event item cannot be read: Relay then drops it and the items that go with it (invalid-items.ts).
  // Two event items of a kind make none readable: Relay refuses the envelope's event (`duplicate_item`).
  let invalidReason: string | null = hasDuplicateEventItem(envelope) ? 'duplicate_item' : null;
  for (const [index, item] of envelope.items.entries()) {
    const type = String(item.headers.type);
    const eventKind = Object.hasOwn(EVENT_KINDS, type) ? EVENT_KINDS[type as keyof typeof EVENT_KINDS] : undefined;
    if (eventKind && invalidReason === 'duplicate_item') {
      plan.items.push(invalidItem(item, index, received, invalidReason, `the envelope holds more than one ${type} item`));
      continue;
    }
    if (eventKind) {
      let read;
      try {
        read = await prepareEvent(item, index, ctx, eventKind, opts.keepEventPayload);
      } catch (err) {
        if (!(err instanceof ItemError)) throw err;
        invalidReason ??= err.reason;
        plan.items.push(invalidItem(item, index, received, err.reason, err.message));
        continue;
      }
      const { prepared, spans } = read;
      plan.items.push(prepared);
      if (spans.length > 0) plan.spans.push(...spanBlocks(spans, prepared.eventId, index));
      plan.responseId ??= prepared.eventId;
      continue;
    }
    try {
      plan.items.push(await prepareOne(type, envelope, index, received, headerId, plan, opts.attachmentsInBody === true));
    } catch (err) {
      if (err instanceof ItemError && err.reason === 'invalid_json' && DROPPED_WHEN_UNREADABLE.has(type)) {
        // Dropped as Relay drops it, counted under its outcome; the envelope's other items stay.
        plan.items.push(invalidItem(envelope.items[index]!, index, received, unreadableReason(type), err.message));
        continue;
      }
      // Any other broken item is kept as sent with a note (Relay drops it; here it stays to look at) — also
      // one that breaks its handler (nested too deep for JSON.stringify, odd-typed fields).
      if (!(err instanceof Error)) throw err;
      const kept = prepareOther(envelope.items[index]!, index, received);
      kept.title = `${type}: ${err instanceof ItemError ? err.message : `unreadable (${err.message})`}`.slice(0, 300);
      kept.level = 'warning';
      plan.items.push(kept);
    }
  }
  if (invalidReason !== null) dropEventGroup(plan, envelope.items, received, invalidReason);
  // Relay answers with the header's event id whenever there is one (a replay or attachment
  // envelope names its event there, too).
  plan.responseId ??= headerId;
  return plan;
}

/**
 * Whether the envelope holds two event items of one kind (two `event`s, two `transaction`s, two `feedback`s),
 * which Relay refuses as `DuplicateItem` ("event items can never occur twice in an envelope"), dropping the
 * event with the items processed with it under `invalid` / `duplicate_item`.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor/event.rs (is_duplicate)
 */
function hasDuplicateEventItem(envelope: Envelope): boolean {
  const seen = new Set<string>();
  for (const item of envelope.items) {
    const type = String(item.headers.type);
    if (!Object.hasOwn(EVENT_KINDS, type)) continue;
    if (seen.has(type)) return true;
    seen.add(type);
  }
  return false;
}

async function prepareOne(type: string, envelope: Envelope, index: number, received: number, headerId: string | null,
  plan: EnvelopePlan, attachmentsInBody: boolean) {
  const item = envelope.items[index]!;
  switch (type) {
    case 'span': return prepareSpans(item, index, received, (plan.segments ??= []));
    case 'log': return prepareLogs(item, index, received);
    case 'check_in': return prepareCheckIn(item, index, received, envelope.headers.sent_at);
    case 'session': case 'sessions': return prepareSession(item, index, received);
    case 'client_report': return prepareClientReport(item, index, received);
    case 'user_report': return prepareUserReport(item, index, received);
    case 'attachment': return prepareAttachment(item, index, received, headerId, attachmentsInBody ? null : encodePayload);
    case 'replay_event': return prepareReplayEvent(item, index, received, headerId, plan);
    case 'replay_recording': return prepareRecording(item, index, received, headerId, plan);
    case 'replay_video': return prepareReplayVideo(item, index, received, headerId, plan);
    // Relay reads a profile (or chunk) as JSON before it keeps it: one that is not is dropped.
    case 'profile': case 'profile_chunk': parseItemJson(item, index); return prepareOther(item, index, received);
    default: return prepareOther(item, index, received);
  }
}
