import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './db';
import { MIGRATIONS } from './migrations';

const dir = mkdtempSync(join(tmpdir(), 'lookout-migration-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store file with the migrations before `version` applied as db.ts records them. */
function storeBefore(version: number): Database.Database {
  const db = new Database(join(dir, `before-${version}.db`));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version < version)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

describe('migrations that rewrite stored rows', () => {
  it('are announced before they start when an existing store is upgraded', () => {
    const rewriting = MIGRATIONS.filter((m) => m.after).map((m) => m.version);
    const first = rewriting[0]!;
    const db = storeBefore(first);
    const lines: string[] = [];
    migrate(db, (line) => lines.push(line));
    const announced = lines.filter((l) => l.startsWith('upgrading the store'));
    expect(announced).toEqual(rewriting.map((v) => `upgrading the store: migration ${v} (${MIGRATIONS.find((m) => m.version === v)!.name})…`));
    db.close();
  });

  it('say nothing for a new store', () => {
    const db = new Database(join(dir, 'new.db'));
    const lines: string[] = [];
    migrate(db, (line) => lines.push(line));
    expect(lines).toEqual([]);
    db.close();
  });
});
