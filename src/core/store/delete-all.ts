import type { DeletedData } from '../../shared/api-types';
import { dropUnusedDictionaries } from './body-dictionary-prune';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { ITEM_TABLES } from './envelope-delete';
import { AGGREGATE_TABLES, rememberDeletedIssues } from './issue-delete';
import { keepIdsTaken } from './rowid-floor';
import { markDeletion } from './deletion-mark';

/** Tables not stored per envelope that go too (user_keys_released after issue_users, whose trigger fills it). */
// `cron_monitor_states`: what the monitors' judge read (src/core/crons); check-in ids start over. `release_environments`: the releases seen (migration 031).
// Release health (migration 037): `release_health` first, so emptying the states takes nothing back row by row.
// Web vitals aggregates (migration 040).
const OTHER_TABLES = ['replays', 'user_fields', ...AGGREGATE_TABLES, 'issues_fts', 'user_keys_released', 'cron_monitor_states', 'outcome_counts',
  'release_environments', 'release_health', 'session_states', 'session_buckets', 'release_users', 'release_start_hours', 'release_bucket_starts',
  'session_end_hours', 'project_end_hours', 'web_vital_views', 'web_vital_hours', 'web_vital_days'];

/**
 * "Delete all data": every envelope and what was stored from it, every issue with its
 * aggregates. Projects, settings and their source folders stay; issue ids keep counting up.
 * Runs in the writer.
 */
export function deleteAllData(db: DB): DeletedData {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const deleted = {
    envelopes: count('SELECT COUNT(*) FROM envelopes'),
    issues: count('SELECT COUNT(*) FROM issues'),
    events: count("SELECT n FROM store_counts WHERE name = 'error_events'"),
  };
  rememberDeletedIssues(db, JSON.stringify(db.prepare('SELECT MAX(id) FROM issues').pluck().all()));
  keepIdsTaken(db);
  const dictionaries = db.prepare('SELECT id FROM body_dictionaries').pluck().all() as number[];
  for (const table of [...ITEM_TABLES, 'envelopes', ...OTHER_TABLES, 'issues']) db.prepare(`DELETE FROM ${table}`).run();
  dropUnusedDictionaries(db, dictionaries);
  bumpCacheVersion(db, 'issues');
  markDeletion(db);
  return deleted;
}
