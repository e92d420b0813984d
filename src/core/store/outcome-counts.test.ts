import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeStats } from '../api/stats-queries';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';
import { CATEGORY_OF_KIND, outcomeCounter } from './outcome-counts';

const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A store as Lookout wrote it before migration 029. */
function storeBefore029(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-029-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 29)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

describe('outcome counts (migration 029)', () => {
  it('counts what a store held before: its items as accepted, its client reports as dropped', () => {
    const db = storeBefore029();
    const now = 100 * HOUR + 5 * 60_000;
    const item = db.prepare(`INSERT INTO items (envelope_id, item_index, project_id, kind, title, timestamp, received) VALUES (1, 0, ?, ?, '', 0, ?)`);
    for (let i = 0; i < 82; i++) item.run(1, 'event', now - 2 * HOUR);
    item.run(1, 'transaction', now - 2 * HOUR);
    item.run(1, 'client_report', now - HOUR);
    item.run(2, 'event', now - 30 * HOUR);
    const report = db.prepare('INSERT INTO client_reports (project_id, envelope_id, received, discarded) VALUES (?, 1, ?, ?)');
    report.run(1, now - HOUR, JSON.stringify([{ reason: 'queue_overflow', category: 'error', quantity: 900 }, { reason: 'x', category: 'error', quantity: 'many' }]));
    report.run(1, now - HOUR + 1, JSON.stringify([{ reason: 'queue_overflow', category: 'error', quantity: 36 }]));
    report.run(1, now, 'not json');
    migrate(db);

    const day = outcomeStats(db, { hours: 24, now });
    expect(day.since).toBe(77 * HOUR);
    expect(day.outcomes.map(({ outcome, category, reason, quantity }) => [outcome, category, reason, quantity])).toEqual([
      ['accepted', 'error', '', 82], ['accepted', 'transaction', '', 1], ['client_discard', 'error', 'queue_overflow', 936],
    ]);
    expect(day.outcomes[2]).toMatchObject({ firstMs: now - HOUR, lastMs: now - HOUR + 1 });
    expect(outcomeStats(db, { hours: 48, now, project: 2 }).outcomes).toMatchObject([{ outcome: 'accepted', category: 'error', quantity: 1 }]);
    db.close();
  });

  it('adds up one envelope\'s items (each log and span, as Relay) and report at ingest, in the hour of the report\'s own time', () => {
    const db = storeBefore029();
    migrate(db);
    const count = outcomeCounter(db);
    const received = 50 * HOUR + 10;
    const rows = { type: 'rows' as const, itemIndex: 0, title: '', level: null, timestamp: received, eventId: null, rows: [] };
    const logs = (n: number) => ({ ...rows, kind: 'log' as const, table: 'logs' as const, rows: Array.from({ length: n }, () => ({})), itemBytes: 100 * n });
    count(3, received, [
      logs(2),
      logs(5),
      { ...rows, kind: 'client_report' as const, table: 'client_reports' as const, outcomes: { timestamp: received - HOUR,
        outcomes: [{ outcome: 'client_discard' as const, reason: 'network_error', category: 'error', quantity: 4 }] } },
    ]);
    count(3, received + 1, [logs(1), { ...rows, kind: 'span' as const, table: 'span_blocks' as const, rows: [{ span_count: 30 }, { span_count: 4 }] }]);
    expect(db.prepare('SELECT hour, outcome, category, reason, quantity, first_ms, last_ms FROM outcome_counts ORDER BY hour, category').all()).toEqual([
      { hour: 49 * HOUR, outcome: 'client_discard', category: 'error', reason: 'network_error', quantity: 4, first_ms: received - HOUR, last_ms: received - HOUR },
      { hour: 50 * HOUR, outcome: 'accepted', category: 'log_byte', reason: '', quantity: 800, first_ms: received, last_ms: received + 1 },
      { hour: 50 * HOUR, outcome: 'accepted', category: 'log_item', reason: '', quantity: 8, first_ms: received, last_ms: received + 1 },
      { hour: 50 * HOUR, outcome: 'accepted', category: 'span', reason: '', quantity: 34, first_ms: received + 1, last_ms: received + 1 },
    ]);
    db.close();
  });

  it('names each counted kind by a Sentry data category', () => {
    expect(Object.values(CATEGORY_OF_KIND).every((c) => /^[a-z_]+$/.test(c))).toBe(true);
    expect(CATEGORY_OF_KIND.client_report).toBeUndefined();
  });
});
