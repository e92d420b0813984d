import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeStats } from '../api/stats-queries';
import { prepareAttachment } from '../pipeline/prepare-items';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';
import { outcomeCounter } from './outcome-counts';

const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A store as Lookout wrote it before migration 034: an attachment counted 1 in `attachment`. */
function storeBefore034(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-034-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version < 34)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

const quantities = (db: DB, now: number, project: number) =>
  Object.fromEntries(outcomeStats(db, { hours: 24, now, project }).outcomes.map((o) => [o.category, o.quantity]));

describe('attachments counted as Relay counts them: bytes in `attachment`, items in `attachment_item`', () => {
  it('counts an accepted attachment at ingest by its size (at least 1 byte) and once as an item', () => {
    const db = storeBefore034();
    migrate(db);
    const received = 80 * HOUR + 5;
    const attachment = (bytes: number) => prepareAttachment({ headers: { type: 'attachment', filename: 'a.txt' }, payload: Buffer.alloc(bytes, 97) },
      1, received, null, null);
    outcomeCounter(db)(1, received, [attachment(2_500), attachment(0), attachment(40)]);
    expect(quantities(db, received, 1)).toEqual({ attachment: 2_541, attachment_item: 3 });
    db.close();
  });

  it('migration 034: the old counts become items, each hour\'s bytes come from its stored attachments, never lower', () => {
    const db = storeBefore034();
    const now = 300 * HOUR + 20 * 60_000;
    const envelope = db.prepare(`INSERT INTO envelopes (id, received, route, method, project_id, outcome, status, size, headers)
      VALUES (?, ?, 'envelope', 'POST', ?, 'accepted', 200, 1, '{}')`);
    const attachment = db.prepare(`INSERT INTO attachments (project_id, envelope_id, filename, content_type, attachment_type, size)
      VALUES (?, ?, 'f', 'text/plain', 'event.attachment', ?)`);
    const counted = db.prepare(`INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
      VALUES (?, ?, ?, 'attachment', ?, ?, ?, ?)`);
    // Project 1, this hour: two attachments (1000 and 24 bytes) counted as 2; an SDK's report of 7000 bytes lost.
    envelope.run(1, now, 1); envelope.run(2, now + 1, 1);
    attachment.run(1, 1, 1000); attachment.run(1, 2, 24);
    counted.run(1, now - (now % HOUR), 'accepted', '', 2, now, now + 1);
    counted.run(1, now - (now % HOUR), 'client_discard', 'ratelimit_backoff', 7000, now, now);
    // Project 2, three hours ago: 4 attachments counted, all pruned since.
    counted.run(2, now - 3 * HOUR - (now % HOUR), 'accepted', '', 4, now - 3 * HOUR, now - 3 * HOUR);
    migrate(db);

    const stats = outcomeStats(db, { hours: 24, now, project: 1 }).outcomes.map(({ outcome, category, quantity }) => [outcome, category, quantity]);
    expect(stats).toEqual(expect.arrayContaining([['accepted', 'attachment', 1024], ['accepted', 'attachment_item', 2], ['client_discard', 'attachment', 7000]]));
    expect(stats).toHaveLength(3);
    expect(quantities(db, now, 2)).toEqual({ attachment: 4, attachment_item: 4 });
    db.close();
  });
});
