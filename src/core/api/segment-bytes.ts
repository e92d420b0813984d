import { parseEnvelope } from '../ingest/envelope';
import type { DB } from '../store/db';
import { envelopeBody } from './event-payload';

/** A `replay_segments` row as far as its bytes go (see migration 008). */
export interface SegmentSource { envelope_id: number; item_index: number | null; data: Buffer }

/**
 * Returns a stored segment's bytes: its own `data`, or item `item_index` of its envelope's body.
 * A replay's segments usually come one per envelope, but a body holding several is decoded once.
 * Throws (StoredBodyError, or an Error naming the missing item) when they cannot be read; callers
 * treat that as one corrupt segment.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
export function segmentBytesReader(db: DB): (row: SegmentSource) => Buffer {
  let last: { id: number; items: Buffer[] } | null = null;
  return (row) => {
    if (row.item_index === null || row.data.length > 0) return row.data;
    if (last?.id !== row.envelope_id) {
      const body = envelopeBody(db, row.envelope_id);
      last = { id: row.envelope_id, items: body ? parseEnvelope(body).items.map((i) => i.payload) : [] };
    }
    const bytes = last.items[row.item_index];
    if (!bytes) throw new Error(`the segment's envelope ${row.envelope_id} no longer holds item ${row.item_index + 1}`);
    return bytes;
  };
}
