import { brotliDecompressSync } from 'node:zlib';
import type { SentryEvent } from '../../shared/sentry';
import { applyInAppRules } from '../grouping';
import { parseEnvelope } from '../ingest/envelope';
import { parseJsonLenient } from '../ingest/lenient-json';
import { normalizeEvent, normalizeEventId } from '../pipeline/normalize-event';
import { decodeBody } from './body-dictionary';
import type { DB } from './db';

export interface StoredEventRow {
  envelope_id: number; item_index: number; received: number; kind: string;
  payload: Buffer | null; payload_codec: string | null; grouping: Buffer | null;
}

/** The raw request body of an envelope row, decompressed; throws StoredBodyError when it cannot be read. */
export function envelopeBody(db: DB, envelopeId: number): Buffer | null {
  const row = db.prepare('SELECT body, body_codec FROM envelopes WHERE id = ?').get(envelopeId) as
    { body: Buffer | null; body_codec: string | null } | undefined;
  return row ? decodeBody(db, row.body, row.body_codec) : null;
}

/**
 * The processed event. When processing did not change it, only the raw envelope holds it, and
 * the same deterministic normalisation runs again here (that halves the bytes on disk).
 */
export function loadEventPayload(db: DB, row: StoredEventRow): SentryEvent {
  if (row.payload) return JSON.parse(decodeBody(db, row.payload, row.payload_codec).toString('utf8')) as SentryEvent;
  const body = envelopeBody(db, row.envelope_id);
  if (!body) return {};
  const envelope = parseEnvelope(body);
  const item = envelope.items[row.item_index];
  if (!item) return {};
  const event = normalizeEvent(parseJsonLenient(item.payload.toString('utf8')), normalizeEventId(envelope.headers.event_id), row.received, row.kind);
  return row.kind === 'event' ? applyInAppRules(event) : event;
}

export function loadGrouping(row: StoredEventRow): unknown[] {
  if (!row.grouping) return [];
  try { return JSON.parse(brotliDecompressSync(row.grouping).toString('utf8')) as unknown[]; } catch {
    try { return JSON.parse(row.grouping.toString('utf8')) as unknown[]; } catch { return []; }
  }
}
