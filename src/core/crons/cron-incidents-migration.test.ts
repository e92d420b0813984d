import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type DB } from '../store/db';
import { MIGRATIONS } from '../store/migrations';
import { cronIncidents } from './cron-incidents';
import { cronFailureEventId } from './failure-event';

/**
 * A store written before migration 025: its monitors' old failures open no issue when Lookout is
 * upgraded (they were never judged), and their next check-ins are judged as usual.
 */
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function schema24Store(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-025-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 24)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

describe('migration 025 on a store from before it', () => {
  it('files none of the failures stored before, then judges the next check-ins', () => {
    const db = schema24Store();
    const add = db.prepare(`INSERT INTO check_ins (project_id, envelope_id, check_in_id, monitor_slug, status, duration, environment, received, payload)
      VALUES (1, ?, ?, 'nightly', ?, 0.1, ?, ?, '{}')`);
    const hour = 3_600_000;
    for (let i = 0; i < 5; i++) add.run(i + 1, `${i}`.padStart(32, '0'), 'error', 'production', i * hour);
    add.run(9, '9'.padStart(32, '0'), 'error', 'staging', 2 * hour);
    migrate(db);
    const states = db.prepare('SELECT environment, judged_id, state FROM cron_monitor_states ORDER BY environment').all();
    expect(states).toEqual([
      { environment: 'production', judged_id: 5, state: JSON.stringify({ lastCheckInMs: 4 * hour, lastEnvelopeId: 5 }) },
      { environment: 'staging', judged_id: 6, state: JSON.stringify({ lastCheckInMs: 2 * hour, lastEnvelopeId: 9 }) },
    ]);
    const judge = cronIncidents(db);
    expect(db.transaction(() => judge(5 * hour))().changed).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM issues').pluck().get()).toBe(0);
    add.run(10, 'a'.padStart(32, '0'), 'error', 'production', 5 * hour);
    expect(db.transaction(() => judge(5 * hour))().changed.map((c) => c.change)).toEqual(['created']);
    expect(db.prepare("SELECT title, count, type FROM issues").all()).toEqual([{ title: 'Monitor failure: nightly', count: 1, type: 'cron' }]);
    db.close();
  });

  it('times out, at the first pass, a run an older Lookout stored in progress once its max_runtime has passed', () => {
    const db = schema24Store();
    const add = db.prepare(`INSERT INTO check_ins (project_id, envelope_id, check_in_id, monitor_slug, status, duration, environment, received, payload, has_config)
      VALUES (1, ?, ?, 'import', ?, NULL, 'production', ?, ?, 1)`);
    const config = JSON.stringify({ monitor_config: { schedule: { type: 'interval', value: 1, unit: 'day' }, max_runtime: 2 } });
    const minute = 60_000;
    const start = 1_000 * minute;
    add.run(1, 'a'.repeat(32), 'in_progress', start, config);
    // Another run, closed: nothing to time out.
    add.run(2, 'b'.repeat(32), 'in_progress', start + minute, config);
    add.run(3, 'b'.repeat(32), 'ok', start + 2 * minute, config);
    migrate(db);
    const judge = cronIncidents(db);
    const pass = (now: number) => db.transaction(() => judge(now))().changed.map((c) => c.change);
    // Within max_runtime (from the minute it began): still running.
    expect(pass(start + 2 * minute - 1)).toEqual([]);
    expect(pass(start + 2 * minute)).toEqual(['created']);
    expect(db.prepare('SELECT title, count FROM issues').all()).toEqual([{ title: 'Monitor failure: import', count: 1 }]);
    expect(db.prepare("SELECT event_id FROM events WHERE kind = 'cron'").pluck().all())
      .toEqual([cronFailureEventId({ projectId: 1, slug: 'import', environment: 'production' }, { kind: 'timeout', key: `run:${'a'.repeat(32)}` })]);
    // Judged again, or by a fresh start: filed once.
    expect(pass(start + 60 * minute)).toEqual([]);
    expect(cronIncidents(db)(start + 61 * minute).changed).toEqual([]);
    expect(db.prepare('SELECT count FROM issues').pluck().get()).toBe(1);
    db.close();
  });
});
