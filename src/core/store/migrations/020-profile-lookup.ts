/**
 * Profiles found however they were sent. A `profile` / `profile_chunk` row of `other_items` keeps
 * its item's place (`item_index`) and what it is found by (`pipeline/profile-facts.ts`): a v1
 * profile's transaction (`transaction_id`) and its own id (`profile_id`, which the transaction
 * names in `contexts.profile.profile_id`), so a profile sent in another envelope than its
 * transaction is one index seek away; a v2 chunk's profiler and the time its samples cover
 * (`profiler_id`, `start_ms`, `end_ms`), so a transaction or trace finds its chunks by the clock
 * that timed both, not by when they arrived (an import, a device whose clock is off). The indexes
 * are partial: other items' rows cost nothing more. Rows stored before are filled in by
 * `store/profile-backfill.ts`.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
export const sql = `
ALTER TABLE other_items ADD COLUMN item_index INTEGER;
ALTER TABLE other_items ADD COLUMN transaction_id TEXT;
ALTER TABLE other_items ADD COLUMN profile_id TEXT;
ALTER TABLE other_items ADD COLUMN profiler_id TEXT;
ALTER TABLE other_items ADD COLUMN start_ms REAL;
ALTER TABLE other_items ADD COLUMN end_ms REAL;
CREATE INDEX other_items_profile_transaction ON other_items(transaction_id) WHERE transaction_id IS NOT NULL;
CREATE INDEX other_items_profile_id ON other_items(profile_id) WHERE profile_id IS NOT NULL;
CREATE INDEX other_items_chunk_time ON other_items(profiler_id, start_ms) WHERE profiler_id IS NOT NULL;
`;
