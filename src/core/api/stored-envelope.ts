import type { Envelope } from '../ingest/envelope';
import { decodeBody } from '../store/body-dictionary';
import type { DB } from '../store/db';
import { envelopeOf, type EnvelopeRow } from './item-queries';

/** A stored request rebuilt as the envelope the ingest saw, with its arrival time. */
export interface StoredEnvelope { envelope: Envelope | null; received: number }

/**
 * Reads stored requests back as envelopes (see `envelopeOf`), keeping only the last one decoded:
 * spans and replay segments read from their items ask for one envelope several times in a row.
 * Throws StoredBodyError when a body cannot be decoded; a missing row or an empty body gives
 * `envelope: null`.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function storedEnvelopeReader(db: DB): (envelopeId: number) => StoredEnvelope {
  const envelopeRow = db.prepare('SELECT route, headers, body, body_codec, received FROM envelopes WHERE id = ?');
  let last: { id: number; read: StoredEnvelope } | null = null;
  return (envelopeId) => {
    if (last?.id === envelopeId) return last.read;
    const row = envelopeRow.get(envelopeId) as EnvelopeRow | undefined;
    const read = row ? { envelope: envelopeOf(decodeBody(db, row.body, row.body_codec), row), received: row.received } : { envelope: null, received: 0 };
    last = { id: envelopeId, read };
    return read;
  };
}

/**
 * Reads item `itemIndex` of a stored envelope: the bytes of a row (replay segment, attachment)
 * that kept only its place in the envelope. Throws, naming `what`, when the item is gone.
 */
export function storedItemReader(db: DB): (envelopeId: number, itemIndex: number, what: string) => Buffer {
  const envelopeOf = storedEnvelopeReader(db);
  return (envelopeId, itemIndex, what) => {
    const bytes = envelopeOf(envelopeId).envelope?.items[itemIndex]?.payload;
    if (!bytes) throw new Error(`the ${what}'s envelope ${envelopeId} no longer holds item ${itemIndex + 1}`);
    return bytes;
  };
}
