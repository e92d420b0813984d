import { storedEnvelopeReader } from '../api/stored-envelope';
import { profileFacts, type ProfileFacts } from '../pipeline/profile-facts';
import type { DB } from './db';

const PROFILE_TYPES = "('profile', 'profile_chunk', 'profile_chunk_ui')";

/**
 * Fills migration 020's columns for the profile rows stored before it, reading each item's
 * bytes once from its stored request. Within an envelope the n-th profile row of `other_items`
 * is the n-th profile item (both were written in item order). Runs once, inside the migration's
 * transaction; a request that no longer decodes leaves its rows without facts (their items
 * still open by themselves) rather than stopping the store from opening.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/
 */
export function backfillProfileFacts(db: DB): void {
  const items = db.prepare(`SELECT envelope_id, item_index, kind FROM items WHERE kind IN ('profile', 'profile_chunk')
    ORDER BY envelope_id, seq`).all() as { envelope_id: number; item_index: number; kind: 'profile' | 'profile_chunk' }[];
  const rowsOf = db.prepare(`SELECT id FROM other_items WHERE envelope_id = ? AND item_type IN ${PROFILE_TYPES} AND item_index IS NULL ORDER BY id`).pluck();
  const update = db.prepare(`UPDATE other_items SET item_index = @item_index, transaction_id = @transaction_id, profile_id = @profile_id,
    profiler_id = @profiler_id, start_ms = @start_ms, end_ms = @end_ms WHERE id = @id`);
  const read = storedEnvelopeReader(db);
  let envelopeId = -1;
  let rows: number[] = [];
  for (const item of items) {
    if (item.envelope_id !== envelopeId) {
      envelopeId = item.envelope_id;
      rows = rowsOf.all(envelopeId) as number[];
    }
    const id = rows.shift();
    if (id === undefined) continue;
    let payload: Buffer | undefined;
    try {
      payload = read(envelopeId).envelope?.items[item.item_index]?.payload;
    } catch {
      // Unreadable request: see above.
    }
    const facts: ProfileFacts | null = payload ? profileFacts(item.kind, payload) : null;
    if (facts) update.run({ id, item_index: item.item_index, ...facts });
  }
}
