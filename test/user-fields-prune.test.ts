import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type DB } from '../src/core/store/db';
import { MIGRATIONS } from '../src/core/store/migrations';
import { pruneBatch } from '../src/core/store/retention';
import { sweepUserFields } from '../src/core/store/user-field-sweep';
import type { IssueSummary, Page } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './reliability/support';

const running: TestLookout[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stopAndClean()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(): Promise<{ lookout: TestLookout; db: DB }> {
  let db: DB | null = null;
  // Retention runs only when the test calls it (the background pass is an hour away).
  const lookout = await startTestLookout({ retentionIntervalMs: 3_600_000, onDatabase: (d) => { db = d; } });
  running.push(lookout);
  return { lookout, db: db! };
}

interface User { id: string; email: string; username?: string }
const ada: User = { id: 'u-ada', email: 'ada@example.test', username: 'ada' };
const bob: User = { id: 'u-bob', email: 'bob@example.test' };
const cyd: User = { id: 'u-cyd', email: 'cyd@example.test', username: 'cyd' };
const dee: User = { id: 'u-dee', email: 'dee@example.test' };

/** One error event of exception type `kind` (one issue per kind) from `user`, over HTTP. */
async function send(lookout: TestLookout, kind: number, user: User): Promise<string> {
  const id = newEventId();
  const res = await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, { ...errorEvent(id, kind), user }));
  expect(res.status).toBe(200);
  return id;
}

/** The issue search's answer (ids, as the list shows them) to `query`. */
async function found(lookout: TestLookout, query: string): Promise<number[]> {
  const page = await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`);
  return page.items.map((i) => i.id).sort((a, b) => a - b);
}

const SEARCHES = (u: User) => [`user.id:${u.id}`, `user.email:${u.email}`, ...(u.username ? [`user.username:${u.username}`] : [])];
const fieldRows = (db: DB, key: string) => db.prepare('SELECT COUNT(*) FROM user_fields WHERE user_key = ?').pluck().get(key) as number;
const issueOf = (db: DB, eventId: string) => db.prepare('SELECT issue_id FROM events WHERE event_id = ?').pluck().get(eventId) as number;

describe('user_fields pruning', () => {
  it('drops the fields of users no issue lists any more, keeps every user the search can still find', async () => {
    const { lookout, db } = await start();
    const a = issueOf(db, await send(lookout, 1, ada));
    const b = issueOf(db, await send(lookout, 2, ada));
    await send(lookout, 2, bob);
    const c = issueOf(db, await send(lookout, 3, cyd));
    // dee's events are the oldest of issue 4: retention prunes them, the issue stays (its latest is ada's).
    await send(lookout, 4, dee);
    await send(lookout, 4, dee);
    const d = issueOf(db, await send(lookout, 4, ada));

    const before = new Map<string, number[]>();
    for (const u of [ada, bob, cyd, dee]) for (const q of SEARCHES(u)) before.set(q, await found(lookout, q));
    expect(before.get(`user.email:${ada.email}`)).toEqual([a, b, d]);
    expect(before.get(`user.email:${dee.email}`)).toEqual([d]);
    expect(fieldRows(db, `id:${bob.id}`)).toBeGreaterThan(0);

    const res = await fetch(`${lookout.url}/_lookout/api/issues?id=${b}&id=${c}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    // Only the latest event of each issue is left: dee's two go.
    const limits = { maxEvents: 2, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 };
    while (pruneBatch(db, limits) > 0) { /* bounded batches until nothing is left to do */ }
    expect(db.prepare("SELECT COUNT(*) FROM events WHERE user_key = 'id:u-dee'").pluck().get()).toBe(0);

    // bob and cyd were only on deleted issues: their fields are gone, and no search found them anyway.
    expect(fieldRows(db, `id:${bob.id}`)).toBe(0);
    expect(fieldRows(db, `id:${cyd.id}`)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM user_keys_released').pluck().get()).toBe(0);
    // Every other search answers as before, less the deleted issues: ada (still on issues 1 and 4)
    // and dee (whose events were all pruned, but issue 4 still counts them) are found by every field.
    for (const [q, ids] of before) expect(await found(lookout, q), q).toEqual(ids.filter((id) => id !== b && id !== c));
    expect(fieldRows(db, `id:${ada.id}`)).toBe(3);
    expect(fieldRows(db, `id:${dee.id}`)).toBe(2);

    // A swept user who comes back is findable by every field again (the ingest path forgot what it had written).
    const again = issueOf(db, await send(lookout, 3, cyd));
    for (const q of SEARCHES(cyd)) expect(await found(lookout, q), q).toEqual([again]);
  });

  it('keeps the fields of a user a merge moved to another issue, and works in bounded batches', async () => {
    const { lookout, db } = await start();
    const a = issueOf(db, await send(lookout, 1, ada));
    const b = issueOf(db, await send(lookout, 2, bob));
    const merged = await fetch(`${lookout.url}/_lookout/api/issues?id=${a}&id=${b}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merge: 1 }) });
    expect(merged.status).toBe(200);
    await expect.poll(async () => found(lookout, `user.email:${bob.email}`)).toHaveLength(1);
    const [parent] = await found(lookout, `user.email:${bob.email}`);
    while (sweepUserFields(db) > 0) { /* settle */ }
    expect(await found(lookout, `user.email:${bob.email}`)).toEqual([parent]);
    expect(await found(lookout, `user.email:${ada.email}`)).toEqual([parent]);

    await fetch(`${lookout.url}/_lookout/api/issues?id=${parent}`, { method: 'DELETE' });
    expect(db.prepare('SELECT COUNT(*) FROM user_keys_released').pluck().get()).toBe(2);
    const rows = () => db.prepare('SELECT COUNT(*) FROM user_fields').pluck().get() as number;
    expect(rows()).toBe(5);
    // One row per batch at most: a batch never holds the writer for long, however many fields a user had.
    const steps: number[] = [];
    while (sweepUserFields(db, 10, 1) > 0) steps.push(rows());
    expect(steps.slice(0, 5)).toEqual([4, 3, 2, 1, 0]);
    expect(db.prepare('SELECT COUNT(*) FROM user_keys_released').pluck().get()).toBe(0);

    // "Delete all data" empties user_fields itself: nothing is left noted for retention to go through.
    await send(lookout, 5, cyd);
    expect((await fetch(`${lookout.url}/_lookout/api/data`, { method: 'DELETE' })).status).toBe(200);
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM user_fields) + (SELECT COUNT(*) FROM user_keys_released)').pluck().get()).toBe(0);
  });

  it('reaches a user\'s fields and issues through indexes', async () => {
    const { db } = await start();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ key: 'id:x', limit: 1 }) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(plan('SELECT 1 FROM issue_users WHERE user_key = @key LIMIT 1')).toMatch(/SEARCH issue_users USING COVERING INDEX issue_users_key/);
    expect(plan('DELETE FROM user_fields WHERE user_key = @key AND value IN (SELECT value FROM user_fields WHERE user_key = @key LIMIT @limit)'))
      .toMatch(/^SEARCH user_fields USING COVERING INDEX user_fields_key \(user_key=\? AND value=\?\) \| LIST SUBQUERY 1 \| SEARCH user_fields USING COVERING INDEX user_fields_key \(user_key=\?\)$/);
  });

  it('notes, when the store is migrated, the users left over by deletes made before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-user-fields-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'lookout.db'));
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const sweep = MIGRATIONS.find((m) => m.name === 'user-field-sweep')!;
    for (const m of MIGRATIONS.filter((m) => m.version < sweep.version)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
    }
    db.prepare("INSERT INTO issue_users (issue_id, user_key) VALUES (1, 'id:kept')").run();
    const field = db.prepare('INSERT INTO user_fields (value, user_key) VALUES (?, ?)');
    for (const [value, key] of [['id:kept', 'id:kept'], ['email:kept@example.test', 'id:kept'], ['id:gone', 'id:gone'], ['email:gone@example.test', 'id:gone']]) field.run(value, key);
    migrate(db);
    expect(db.prepare('SELECT user_key FROM user_keys_released').pluck().all()).toEqual(['id:gone']);
    while (sweepUserFields(db) > 0) { /* settle */ }
    expect(db.prepare('SELECT value FROM user_fields ORDER BY value').pluck().all()).toEqual(['email:kept@example.test', 'id:kept']);
    db.close();
  });
});
