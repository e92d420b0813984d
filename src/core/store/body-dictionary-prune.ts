import { bodyDictionaries } from './body-dictionary';
import type { DB } from './db';

/**
 * The dictionaries the given envelopes (a JSON array of ids) are stored against — primary-key
 * lookups. Retention asks before deleting those envelopes.
 */
export function dictionariesUsedBy(db: DB, envelopeIdsJson: string): number[] {
  return db.prepare(`SELECT DISTINCT body_dict FROM envelopes
    WHERE id IN (SELECT value FROM json_each(?)) AND body_dict IS NOT NULL`).pluck().all(envelopeIdsJson) as number[];
}

/**
 * Deletes those of `ids` that no envelope is stored against any more — one probe of the partial
 * `envelopes_body_dict` index each, never a scan — and returns the ids deleted.
 */
export function dropUnusedDictionaries(db: DB, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const drop = db.prepare('DELETE FROM body_dictionaries WHERE id = ? AND NOT EXISTS (SELECT 1 FROM envelopes WHERE body_dict = ?)');
  const dropped = ids.filter((id) => drop.run(id, id).changes > 0);
  bodyDictionaries(db).forget(dropped);
  return dropped;
}
