import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cronQueries } from '../api/cron-queries';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';

/**
 * A store written before migration 019: check-in ids as the SDK wrote them, and the monitor's
 * config found only by scanning its newest check-ins.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 */
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function schema17Store(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-019-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 17)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const HEX = UUID.replace(/-/g, '');

describe('migration 019 on a store from before it', () => {
  it('finds a config sent before 1,500 check-ins without one, and pairs a dashed upper-case id across pages', () => {
    const db = schema17Store();
    const add = db.prepare(`INSERT INTO check_ins (project_id, envelope_id, check_in_id, monitor_slug, status, duration, environment, received, payload)
      VALUES (1, 1, ?, 'nightly', ?, ?, 'prod', ?, ?)`);
    const config = { schedule: { type: 'crontab', value: '0 3 * * *' }, checkin_margin: 5, timezone: 'Europe/Berlin' };
    add.run(HEX, 'in_progress', null, 1000, JSON.stringify({ check_in_id: HEX, status: 'in_progress', monitor_config: config }));
    for (let i = 0; i < 1500; i++) {
      const id = (i + 1).toString(16).padStart(32, '0');
      add.run(id, 'ok', 0.1, 2000 + i, JSON.stringify({ check_in_id: id, status: 'ok' }));
    }
    add.run(UUID.toUpperCase(), 'ok', 2, 9000, JSON.stringify({ check_in_id: UUID.toUpperCase(), status: 'ok', duration: 2 }));
    migrate(db);

    expect(db.prepare("SELECT count(*) FROM check_ins WHERE check_in_id = ?").pluck().get(HEX)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM check_ins WHERE has_config = 1').pluck().get()).toBe(1);
    const m = cronQueries(db).monitor({ project: 1, slug: 'nightly', environment: 'prod', limit: 5 }, 10_000)!;
    expect(m.config).toMatchObject({ schedule: { type: 'crontab', value: '0 3 * * *' }, checkinMargin: 5, timezone: 'Europe/Berlin' });
    expect(m.nextCheckInMs).toBe(Date.UTC(1970, 0, 1, 2)); // 03:00 CET after the last check-in, 9 s into 1970
    expect(m.runs[0]).toMatchObject({ checkInId: HEX, status: 'ok', startedMs: 1000, itemCount: 2 });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT payload FROM check_ins INDEXED BY check_ins_config WHERE project_id = 1
      AND ifnull(monitor_slug, '') = 'x' AND ifnull(environment, '') = '' AND has_config = 1 ORDER BY id DESC LIMIT 1`).all() as { detail: string }[]);
    expect(plan.map((r) => r.detail).join('; ')).toBe('SEARCH check_ins USING INDEX check_ins_config (project_id=? AND <expr>=? AND <expr>=?)');
    db.close();
  });
});

describe('migration 023 on a store from before it', () => {
  it('moves check-ins stored without an environment to production, so the monitor is one row', () => {
    const db = schema17Store();
    const add = db.prepare(`INSERT INTO check_ins (project_id, envelope_id, check_in_id, monitor_slug, status, duration, environment, received, payload)
      VALUES (1, 1, ?, 'nightly', 'ok', 1, ?, ?, ?)`);
    const config = { schedule: { type: 'crontab', value: '0 3 * * *' }, checkin_margin: 5, timezone: 'UTC' };
    add.run('1'.padStart(32, '0'), null, 1000, JSON.stringify({ status: 'ok', monitor_config: config }));
    add.run('2'.padStart(32, '0'), '', 2000, JSON.stringify({ status: 'ok' }));
    add.run('3'.padStart(32, '0'), 'production', 3000, JSON.stringify({ status: 'ok' }));
    add.run('4'.padStart(32, '0'), 'staging', 4000, JSON.stringify({ status: 'ok' }));
    migrate(db);

    const monitors = cronQueries(db).list({ project: 1 }, 10_000);
    expect(monitors.flatMap((m) => m.environments.map((e) => e.environment)).sort()).toEqual(['production', 'staging']);
    const production = cronQueries(db).monitor({ project: 1, slug: 'nightly', environment: 'production', limit: 10 }, 10_000)!;
    expect(production.runs).toHaveLength(3);
    expect(production.config).toMatchObject({ schedule: { type: 'crontab', value: '0 3 * * *' } });
    db.close();
  });
});
