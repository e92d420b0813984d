/**
 * One stored item with its payload as it was sent (`GET /items/:seq`): the item is read again
 * from the raw request kept in `envelopes`, so logs, spans, sessions, check-ins and other
 * non-event items can be inspected without a table of their own per field.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/
 */
import type { ItemDetail } from '../../shared/api-types';
import { parseJsonLenient } from '../ingest/lenient-json';
import { requestToEnvelope } from '../ingest/request-envelope';
import { storedSecurityRequest } from '../ingest/security-request';
import type { IngestRoute } from '../ingest/routes';
import type { Envelope } from '../ingest/envelope';
import { decodeBody, StoredBodyError } from '../store/body-dictionary';
import type { DB } from '../store/db';
import { ITEM_MONITOR_COLUMN } from '../store/item-monitor';
import { ITEM_SEGMENT_COLUMN } from '../store/item-segment';
import { toItem } from './event-queries';
import { HttpError } from './http-util';
import { jsonDepthExceeds } from '../ingest/json-depth';

/** Payload bytes shown; a larger payload is shown as its first MiB of text. */
export const MAX_ITEM_TEXT = 1024 * 1024;
/** Deeper JSON is shown as text: the JSON answer and the UI's tree both recurse. */
export const MAX_JSON_DEPTH = 100;
const ROUTES = new Set<IngestRoute>(['envelope', 'store', 'minidump', 'security', 'nel', 'stream', 'tunnel']);

/** The columns of `envelopes` that rebuild a request's envelope. */
export interface EnvelopeRow {
  route: string; headers: string; body: Buffer | null; body_codec: string | null; received: number;
  /** The client's address: a CSP report's user IP (read where a security report can be asked for). */
  remote_addr?: string | null;
}

/** The request as the ingest saw it; store, minidump, security and NEL bodies become the same synthesised envelope. */
export function envelopeOf(body: Buffer, row: EnvelopeRow): Envelope | null {
  if (body.length === 0) return null;
  const route = row.route.split(' ')[0] as IngestRoute;
  let contentType = '';
  try { contentType = String((JSON.parse(row.headers) as Record<string, unknown>)['content-type'] ?? ''); } catch { /* none */ }
  try {
    return requestToEnvelope(ROUTES.has(route) ? route : 'envelope', body, contentType, row.received,
      route === 'security' ? storedSecurityRequest(row.route, row.headers, row.remote_addr ?? null) : {});
  } catch {
    return null;
  }
}

function isText(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return false;
  try {
    // `stream` keeps a character cut at the 1 MiB mark from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, MAX_ITEM_TEXT), { stream: bytes.length > MAX_ITEM_TEXT });
    return true;
  } catch {
    return false;
  }
}

/**
 * What to show of one payload: parsed JSON, text, or a note for binary bytes.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/#serialization-format
 */
export function describePayload(payload: Buffer): Pick<ItemDetail, 'payload' | 'text' | 'note'> {
  if (payload.length === 0) return { note: 'empty payload' };
  if (!isText(payload)) return { note: `binary payload, ${payload.length.toLocaleString('en')} bytes` };
  if (payload.length > MAX_ITEM_TEXT) {
    return { text: payload.subarray(0, MAX_ITEM_TEXT).toString('utf8'), note: `showing the first 1 MiB of ${payload.length.toLocaleString('en')} bytes` };
  }
  const text = payload.toString('utf8');
  let parsed: unknown;
  try {
    parsed = parseJsonLenient(text);
  } catch {
    return { text, note: null };
  }
  if (jsonDepthExceeds(parsed, MAX_JSON_DEPTH)) return { text, note: `JSON nested deeper than ${MAX_JSON_DEPTH} levels, shown as text` };
  return { payload: parsed, note: null };
}

/**
 * `detail` serves `GET /items/:seq`.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/
 */
export function itemQueries(db: DB) {
  const bySeq = db.prepare(`SELECT seq, kind, project_id, envelope_id, item_index, event_id, title, level, timestamp, received, issue_id,
    ${ITEM_MONITOR_COLUMN}, ${ITEM_SEGMENT_COLUMN} FROM items WHERE seq = ?`);
  const envelopeRow = db.prepare('SELECT route, headers, body, body_codec, received, remote_addr FROM envelopes WHERE id = ?');

  function detail(seq: number): ItemDetail {
    const row = bySeq.get(seq) as Record<string, unknown> | undefined;
    if (!row) throw new HttpError(404, 'no such item');
    const item = toItem(row);
    const itemIndex = row.item_index as number;
    const stored = envelopeRow.get(item.envelopeId) as EnvelopeRow | undefined;
    let body: Buffer | null = null;
    try {
      body = stored ? decodeBody(db, stored.body, stored.body_codec) : null;
    } catch (err) {
      if (!(err instanceof StoredBodyError)) throw err;
      return { item, itemIndex, headers: {}, size: 0, note: `the raw request of this item cannot be read: ${err.message}` };
    }
    const envelope = stored && body ? envelopeOf(body, stored) : null;
    const sent = envelope?.items[itemIndex];
    if (!sent) return { item, itemIndex, headers: {}, size: 0, note: 'the raw request of this item is no longer stored or cannot be read' };
    const headers = jsonDepthExceeds(sent.headers, MAX_JSON_DEPTH)
      ? { type: sent.headers.type, note: `headers nested deeper than ${MAX_JSON_DEPTH} levels` } : { ...sent.headers };
    return { item, itemIndex, headers, size: sent.payload.length, ...describePayload(sent.payload) };
  }

  return { detail };
}
