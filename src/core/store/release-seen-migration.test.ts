import { closeSession, createSessionEnvelope, makeDsn, makeSession, serializeEnvelope, type SessionAggregates } from '@sentry/core';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareSession } from '../pipeline/prepare-items';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A store as Lookout wrote it before migration 042: sessions seen when they arrived. */
function storeBefore042(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-042-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 42)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

const DSN = makeDsn('http://lookout@127.0.0.1:8969/1')!;

/** Stores what @sentry/core puts in a session envelope as the ingest does, arrived at `received`. */
function storeSession(db: DB, session: Parameters<typeof createSessionEnvelope>[0], received: number): void {
  const envelope = parseEnvelope(Buffer.from(serializeEnvelope(createSessionEnvelope(session, DSN)) as string));
  const insert = db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, sid, status, release, environment, errors, received, payload)
    VALUES (1, 1, @kind, @sid, @status, @release, @environment, @errors, @received, @payload)`);
  envelope.items.forEach((item, i) => { for (const row of prepareSession(item, i, received).rows) insert.run(row); });
}

/** A process session of `release` that started `startedAt` and ended 30 s later. */
function ended(release: string, startedAt: number) {
  const session = makeSession({ release, environment: 'production' });
  closeSession(session, 'exited');
  session.started = startedAt / 1000;
  session.timestamp = startedAt / 1000 + 30;
  return session;
}

const aggregate = (release: string, bucket: number): SessionAggregates => ({
  attrs: { release, environment: 'production' }, aggregates: [{ started: new Date(bucket).toISOString(), exited: 3 }],
});

/** Aggregates with something that is not a bucket among them, as relay would drop it. */
const withGarbage = (release: string, bucket: number) =>
  ({ ...aggregate(release, bucket), aggregates: ['not a bucket', ...aggregate(release, bucket).aggregates] }) as unknown as SessionAggregates;

const seen = (db: DB) => db.prepare(`SELECT release, first_seen AS firstSeen, last_seen AS lastSeen FROM release_environments
  WHERE environment = 'production' ORDER BY last_seen DESC`).all();

describe('migration 042: a release seen when its sessions happened', () => {
  it('recomputes first and last seen from the sessions\' own times, and the trigger reads them from then on', () => {
    const db = storeBefore042();
    // api@1.0.0: sessions of four days ago, sent now (a backlog); api@1.1.0: an hour ago, sent then.
    storeSession(db, ended('api@1.0.0', NOW - 96 * HOUR), NOW);
    storeSession(db, withGarbage('api@1.0.0', NOW - 97 * HOUR), NOW);
    storeSession(db, ended('api@1.1.0', NOW - HOUR), NOW - HOUR + 31_000);
    // A session with a clock ahead of the receiver counts as when it arrived.
    storeSession(db, ended('api@2.0.0', NOW + 5 * HOUR), NOW - 2 * HOUR);
    // Before: arrival times, the backlog first.
    expect(seen(db)).toEqual([
      { release: 'api@1.0.0', firstSeen: NOW, lastSeen: NOW },
      { release: 'api@1.1.0', firstSeen: NOW - HOUR + 31_000, lastSeen: NOW - HOUR + 31_000 },
      { release: 'api@2.0.0', firstSeen: NOW - 2 * HOUR, lastSeen: NOW - 2 * HOUR },
    ]);
    migrate(db);
    expect(seen(db)).toEqual([
      { release: 'api@1.1.0', firstSeen: NOW - HOUR, lastSeen: NOW - HOUR + 30_000 },
      { release: 'api@2.0.0', firstSeen: NOW - 2 * HOUR, lastSeen: NOW - 2 * HOUR },
      { release: 'api@1.0.0', firstSeen: NOW - 97 * HOUR, lastSeen: NOW - 96 * HOUR + 30_000 },
    ]);
    // After: a new release's backlog is seen then; an update of api@1.1.0 with no time of its own is seen on arrival.
    // (Within Relay's 5 days: an older session is skipped at ingest, `max_session_secs_in_past`.)
    storeSession(db, ended('api@0.9.0', NOW - 100 * HOUR), NOW + 60_000);
    db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, sid, status, release, environment, errors, received, payload)
      VALUES (1, 1, 'session', 's1', 'ok', 'api@1.1.0', 'production', 0, ?, '{"sid":"s1","started":"not a time"}')`).run(NOW + 120_000);
    expect(seen(db)).toEqual([
      { release: 'api@1.1.0', firstSeen: NOW - HOUR, lastSeen: NOW + 120_000 },
      { release: 'api@2.0.0', firstSeen: NOW - 2 * HOUR, lastSeen: NOW - 2 * HOUR },
      { release: 'api@1.0.0', firstSeen: NOW - 97 * HOUR, lastSeen: NOW - 96 * HOUR + 30_000 },
      { release: 'api@0.9.0', firstSeen: NOW - 100 * HOUR, lastSeen: NOW - 100 * HOUR + 30_000 },
    ]);
  });

  it('keeps the later of events and sessions, and a release with nothing left as it was', () => {
    const db = storeBefore042();
    db.prepare(`INSERT INTO events (project_id, event_id, kind, envelope_id, item_index, timestamp, received, release, environment, title)
      VALUES (1, 'e1', 'error', 1, 0, ?, ?, 'web@3.0.0', 'production', 'Error: x')`).run(NOW - 10 * HOUR, NOW);
    storeSession(db, ended('web@3.0.0', NOW - 50 * HOUR), NOW);
    db.prepare(`INSERT INTO release_environments VALUES (1, 'gone@1.0.0', 'production', ?, ?)`).run(NOW - 300 * HOUR, NOW - 290 * HOUR);
    migrate(db);
    expect(seen(db)).toEqual([
      { release: 'web@3.0.0', firstSeen: NOW - 50 * HOUR, lastSeen: NOW - 10 * HOUR },
      { release: 'gone@1.0.0', firstSeen: NOW - 300 * HOUR, lastSeen: NOW - 290 * HOUR },
    ]);
  });
});
