import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeStats } from '../api/stats-queries';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';

const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A store as Lookout wrote it before migration 033: a log or span container counted once. */
function storeBefore033(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-033-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 33)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

describe('migration 033: logs and spans counted one by one', () => {
  it('recounts the stored logs and standalone spans per hour, never lowering an hour', () => {
    const db = storeBefore033();
    const now = 200 * HOUR + 10 * 60_000;
    const envelope = db.prepare(`INSERT INTO envelopes (id, received, route, method, project_id, outcome, status, size, headers)
      VALUES (?, ?, 'envelope', 'POST', ?, 'accepted', 200, 1, '{}')`);
    const log = db.prepare('INSERT INTO logs (project_id, envelope_id, timestamp, body) VALUES (?, ?, 0, ?)');
    const block = db.prepare(`INSERT INTO span_blocks (project_id, envelope_id, trace_id, transaction_event_id, span_count, root_parentless)
      VALUES (?, ?, 't', ?, ?, 1)`);
    const counted = db.prepare(`INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
      VALUES (?, ?, 'accepted', ?, '', ?, ?, ?)`);
    // Project 1, this hour: two log containers (120 and 3 logs), a span container of 40 spans over two traces, a transaction of 9.
    envelope.run(1, now, 1); envelope.run(2, now + 1, 1); envelope.run(3, now + 2, 1); envelope.run(4, now + 3, 1);
    for (let i = 0; i < 120; i++) log.run(1, 1, `a${i}`);
    for (let i = 0; i < 3; i++) log.run(1, 2, `b${i}`);
    block.run(1, 3, null, 30); block.run(1, 3, null, 10); block.run(1, 4, 'e'.repeat(32), 9);
    counted.run(1, now - (now % HOUR), 'log_item', 2, now, now + 1);
    counted.run(1, now - (now % HOUR), 'span', 1, now + 2, now + 2);
    counted.run(1, now - (now % HOUR), 'transaction', 1, now + 3, now + 3);
    // Project 2, two hours ago: 5 logs counted then, 2 of them pruned since.
    envelope.run(5, now - 2 * HOUR, 2);
    for (let i = 0; i < 3; i++) log.run(2, 5, `c${i}`);
    counted.run(2, now - 2 * HOUR - (now % HOUR), 'log_item', 5, now - 2 * HOUR, now - 2 * HOUR);
    migrate(db);

    const quantities = (project: number) => Object.fromEntries(outcomeStats(db, { hours: 24, now, project }).outcomes.map((o) => [o.category, o.quantity]));
    expect(quantities(1)).toEqual({ log_item: 123, span: 40, transaction: 1 });
    expect(quantities(2)).toEqual({ log_item: 5 });
    expect(outcomeStats(db, { hours: 1, now, project: 1 }).outcomes.find((o) => o.category === 'log_item')).toMatchObject({ firstMs: now, lastMs: now + 1 });
    db.close();
  });
});
