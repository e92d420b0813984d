import { brotliDecompressSync } from 'node:zlib';
import type { SentryEvent } from '../../shared/sentry';
import { applyInAppRules } from '../grouping';
import { parseEnvelope } from '../ingest/envelope';
import { parseJsonLenient } from '../ingest/lenient-json';
import { normalizeEvent, normalizeEventId } from '../pipeline/normalize-event';
import { decodeBody } from './body-dictionary';
import type { DB } from './db';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';

export interface StoredEventRow {
  envelope_id: number; item_index: number; received: number; kind: string;
  payload: Buffer | null; payload_codec: string | null; grouping: Buffer | null;
}

/** The raw request body of an envelope row, decompressed; throws StoredBodyError when it cannot be read. */
export function envelopeBody(db: DB, envelopeId: number): Buffer | null {
  return storedEnvelope(db, envelopeId)?.body ?? null;
}

/** A stored request's body and the address it came from (null before schema 12). */
function storedEnvelope(db: DB, envelopeId: number): { body: Buffer; remoteAddr: string | null } | null {
  const row = db.prepare('SELECT body, body_codec, remote_addr FROM envelopes WHERE id = ?').get(envelopeId) as
    { body: Buffer | null; body_codec: string | null; remote_addr: string | null } | undefined;
  return row ? { body: decodeBody(db, row.body, row.body_codec), remoteAddr: row.remote_addr } : null;
}

/**
 * The processed event. When processing did not change it, only the raw envelope holds it, and
 * the same deterministic normalisation runs again here (that halves the bytes on disk).
 */
export function loadEventPayload(db: DB, row: StoredEventRow): SentryEvent {
  // A transaction's problem keeps no payload of its own: it is its transaction's (occurrence.ts); a
  // streamed segment's holds the segment's event (store/segment-writer.ts).
  if (row.kind === OCCURRENCE_KIND && !row.payload) return loadEventPayload(db, transactionOf(db, row));
  if (row.payload) return JSON.parse(decodeBody(db, row.payload, row.payload_codec).toString('utf8')) as SentryEvent;
  const stored = storedEnvelope(db, row.envelope_id);
  if (!stored) return {};
  const envelope = parseEnvelope(stored.body);
  const item = envelope.items[row.item_index];
  if (!item) return {};
  const event = normalizeEvent(parseJsonLenient(item.payload.toString('utf8')), normalizeEventId(envelope.headers.event_id), row.received,
    { itemType: row.kind, clientIp: stored.remoteAddr, sentAt: envelope.headers.sent_at });
  return row.kind === 'event' ? applyInAppRules(event) : event;
}

/** The transaction row an occurrence row shares its envelope item with (as stored without a payload when it is gone). */
function transactionOf(db: DB, row: StoredEventRow): StoredEventRow {
  const found = db.prepare(`SELECT envelope_id, item_index, received, kind, payload, payload_codec, grouping FROM events
    WHERE envelope_id = ? AND item_index = ? AND kind = 'transaction' LIMIT 1`).get(row.envelope_id, row.item_index) as StoredEventRow | undefined;
  return found ?? { ...row, kind: 'transaction', payload: null, payload_codec: null };
}

export function loadGrouping(row: StoredEventRow): unknown[] {
  if (!row.grouping) return [];
  try { return JSON.parse(brotliDecompressSync(row.grouping).toString('utf8')) as unknown[]; } catch {
    try { return JSON.parse(row.grouping.toString('utf8')) as unknown[]; } catch { return []; }
  }
}
