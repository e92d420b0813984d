import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/core/store/migrations';

/** The replays columns before migration 039 (its dead and rage clicks). */
const REPLAY_COLUMNS = `replay_id, project_id, replay_type, start_ms, end_ms, urls, trace_ids, error_ids, browser, os, sdk, user, environment,
  release, segment_count, received`;

/**
 * A store in `dir` as Lookout wrote it before migration 039, holding the replays a current store
 * at `ingestedDb` took in (their projects, requests, body dictionaries and segments), without counts.
 * The migrations before 039 are recorded as db.ts records them, so opening it applies 039 on.
 */
export function storeBefore039(dir: string, ingestedDb: string): Database.Database {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 39)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  db.prepare('ATTACH ? AS ingested').run(ingestedDb);
  for (const table of ['projects', 'envelopes', 'body_dictionaries', 'replay_segments']) db.exec(`INSERT INTO ${table} SELECT * FROM ingested.${table}`);
  db.exec(`INSERT INTO replays SELECT ${REPLAY_COLUMNS} FROM ingested.replays`);
  db.exec('DETACH ingested');
  return db;
}
