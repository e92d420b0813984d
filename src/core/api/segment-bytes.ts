import type { DB } from '../store/db';
import { storedItemReader } from './stored-envelope';

/** A `replay_segments` row as far as its bytes go (see migration 008). */
export interface SegmentSource { envelope_id: number; item_index: number | null; data: Buffer }

/**
 * Returns a stored segment's bytes: its own `data`, or item `item_index` of its envelope's body.
 * Throws (StoredBodyError, or an Error naming the missing item) when they cannot be read; callers
 * treat that as one corrupt segment.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
export function segmentBytesReader(db: DB): (row: SegmentSource) => Buffer {
  const itemOf = storedItemReader(db);
  return (row) => (row.item_index === null || row.data.length > 0 ? row.data : itemOf(row.envelope_id, row.item_index, 'segment'));
}
