import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { counters, figures, indexForReference, reference } from '../../../test/helpers/release-health-reference';
import { insertSessions, sessionMix } from '../../../test/helpers/session-mix';
import { releaseHealth } from '../api/release-health';
import { migrate, openDatabase, type DB } from './db';
import { deleteAllData } from './delete-all';
import { deleteEnvelopes } from './envelope-delete';
import { MIGRATIONS } from './migrations';

const NOW = Date.UTC(2026, 10, 24, 12, 40);
const ENVIRONMENTS = ['production', 'staging', 'development'];
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-session-fold-'));
  dirs.push(dir);
  return dir;
}

/** A store as Lookout wrote it before migration 037: release health folded the updates at each read. */
function storeBefore037(): DB {
  const db = new Database(join(tempDir(), 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 37)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

const mix = () => sessionMix({ updates: 12_000, releases: 6, users: 300, now: NOW, seed: 7 });

describe('release health counters (migration 037)', () => {
  it('shows an upgraded store the figures it showed before, at any time of reading', () => {
    const db = storeBefore037();
    insertSessions(db, mix(), 1, 2000);
    const moments = [NOW, NOW + 17 * 60_000, NOW - 5 * 3600_000];
    const before = moments.map((now) => figures(reference, db, now, ENVIRONMENTS));
    migrate(db);
    expect(db.prepare('SELECT COUNT(*) FROM session_states').pluck().get()).toBeGreaterThan(0);
    moments.forEach((now, i) => expect(figures(counters, db, now, ENVIRONMENTS)).toEqual(before[i]));
    db.close();
  });

  it('keeps the figures those of the updates left after retention and deletes take envelopes', () => {
    const { db } = openDatabase(tempDir());
    indexForReference(db);
    insertSessions(db, mix(), 1, 2000);
    const envelopes = db.prepare('SELECT DISTINCT envelope_id FROM sessions ORDER BY envelope_id').pluck().all() as number[];
    // Retention: the oldest fifth, which cuts sessions whose first updates it takes.
    db.transaction(() => deleteEnvelopes(db, envelopes.slice(0, envelopes.length / 5)))();
    expect(figures(counters, db, NOW, ENVIRONMENTS)).toEqual(figures(reference, db, NOW, ENVIRONMENTS));
    // Deletes anywhere (an issue's envelopes): last, middle and only updates, buckets too.
    db.transaction(() => deleteEnvelopes(db, envelopes.filter((id, i) => i % 7 === 3)))();
    expect(figures(counters, db, NOW, ENVIRONMENTS)).toEqual(figures(reference, db, NOW, ENVIRONMENTS));
    db.close();
  });

  it('starts from nothing after "Delete all data", counting what arrives next', () => {
    const { db } = openDatabase(tempDir());
    indexForReference(db);
    insertSessions(db, mix(), 1, 2000);
    expect(releaseHealth(db, 1, 'shop@2.1.0', undefined, NOW).sessions).toBeGreaterThan(0);
    deleteAllData(db);
    for (const table of ['session_states', 'session_buckets', 'release_health', 'release_users', 'session_end_hours', 'project_end_hours']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    insertSessions(db, mix().slice(0, 3000), 1, 2000);
    expect(figures(counters, db, NOW, ENVIRONMENTS)).toEqual(figures(reference, db, NOW, ENVIRONMENTS));
    db.close();
  });
});
