import { dictionariesUsedBy, dropUnusedDictionaries } from './body-dictionary-prune';
import type { DB } from './db';
import { keepIdsTaken } from './rowid-floor';
import { unfoldSessions } from './session-fold';
import { webVitalAggregates } from './web-vital-aggregates';

/** Every table whose rows were stored from an envelope's items (by `envelope_id`). */
export const ITEM_TABLES: readonly string[] = ['items', 'events', 'span_blocks', 'span_segments', 'attachments', 'replay_segments', 'logs', 'check_ins', 'sessions',
  'client_reports', 'feedback', 'other_items'];

/**
 * Deletes envelopes and everything stored from them: their items, the body dictionaries no
 * other envelope needs, and replays left without a segment. Issue aggregates are not touched.
 * Runs inside the caller's transaction (retention and "Delete issue" share it).
 */
export function deleteEnvelopes(db: DB, ids: readonly number[]): void {
  if (ids.length === 0) return;
  keepIdsTaken(db);
  const list = JSON.stringify(ids);
  // Release health (migration 037) counts the sessions: taken out now, folded again from what is left.
  const refoldSessions = unfoldSessions(db, list);
  // Web vitals aggregates (migration 040): the page views these envelopes' blocks were part of, counted again from what is left.
  const vitalTraces = db.prepare(`SELECT DISTINCT trace_id FROM span_blocks WHERE envelope_id IN (SELECT value FROM json_each(?))
    AND vitals IS NOT NULL AND trace_id IS NOT NULL`).pluck().all(list) as string[];
  const vitals = vitalTraces.length > 0 ? webVitalAggregates(db) : null;
  vitals?.dropTraces(vitalTraces);
  for (const table of ITEM_TABLES) db.prepare(`DELETE FROM ${table} WHERE envelope_id IN (SELECT value FROM json_each(?))`).run(list);
  refoldSessions();
  vitals?.refoldTraces(vitalTraces);
  const dictionaries = dictionariesUsedBy(db, list);
  db.prepare('DELETE FROM envelopes WHERE id IN (SELECT value FROM json_each(?))').run(list);
  dropUnusedDictionaries(db, dictionaries);
  db.prepare('DELETE FROM replays WHERE NOT EXISTS (SELECT 1 FROM replay_segments s WHERE s.replay_id = replays.replay_id)').run();
}
