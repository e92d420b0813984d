import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';

/** User keys looked at per batch. */
export const SWEEP_KEYS = 500;
/** `user_fields` rows deleted per batch at most; a key with more is finished by later batches. */
export const SWEEP_ROWS = 2000;

/**
 * Settles a bounded batch of the user keys taken off an issue (`user_keys_released`, filled by a
 * trigger on `issue_users`, migration 021): a key no issue lists any more loses its `user_fields`
 * rows, which the user search, reaching fields only through `issue_users`, could never find
 * again; a key some issue still lists (a merge moved it, a regroup put it back) keeps them.
 * Retention never takes a user off an issue (issue aggregates outlive pruned events), so a user
 * whose events were all pruned stays findable on the issues that counted them. Merge, unmerge and
 * regroup give a user to its new issue before (or in the transaction that) they take it off the
 * old one, so no batch sees a moving user on neither.
 * Returns the keys settled plus the rows deleted: 0 when there was nothing to do.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
export function sweepUserFields(db: DB, maxKeys = SWEEP_KEYS, maxRows = SWEEP_ROWS): number {
  const released = db.prepare('SELECT user_key FROM user_keys_released LIMIT ?').pluck();
  const listed = db.prepare('SELECT 1 FROM issue_users WHERE user_key = ? LIMIT 1').pluck();
  // Through user_fields_key: a user's fields without reading anyone else's.
  const dropFields = db.prepare(`DELETE FROM user_fields WHERE user_key = @key
    AND value IN (SELECT value FROM user_fields WHERE user_key = @key LIMIT @limit)`);
  const settle = db.prepare('DELETE FROM user_keys_released WHERE user_key = ?');
  return db.transaction(() => {
    let keys = 0;
    let rows = 0;
    for (const key of released.all(maxKeys) as string[]) {
      if (listed.get(key) === undefined) {
        const budget = maxRows - rows;
        const dropped = dropFields.run({ key, limit: budget }).changes;
        rows += dropped;
        // Cut at the budget: the key may have more rows, so it stays noted for the next batch.
        if (dropped >= budget) break;
      }
      settle.run(key);
      keys++;
    }
    // The ingest path remembers which fields it wrote and skips them. Every operation that releases a
    // key resets that memory today; this keeps a user who comes back findable should one not.
    if (rows > 0) bumpCacheVersion(db, 'issues');
    return keys + rows;
  })();
}
