import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from './db';
import { GroupWriter } from './writer';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function store(): { db: DB; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-writer-'));
  dirs.push(dir);
  return { ...openDatabase(dir), dir };
}

/** Resolves once `check` holds, polling the event loop (the worker reports asynchronously). */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GroupWriter', () => {
  it('commits concurrent writes in one transaction and resolves each with its own result', async () => {
    const { db } = store();
    const writer = new GroupWriter(db);
    const insert = db.prepare('INSERT INTO projects (id, name, first_seen, last_seen) VALUES (?, ?, 1, 1)');
    const ids = await Promise.all([1, 2, 3].map((id) => writer.submit(() => Number(insert.run(id, `p${id}`).lastInsertRowid))));
    expect(ids).toEqual([1, 2, 3]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: the writer syncs the WAL itself
    writer.close();
    db.close();
  });

  it('fails only the write that throws when a batch fails', async () => {
    const { db } = store();
    const writer = new GroupWriter(db);
    const insert = db.prepare('INSERT INTO projects (id, name, first_seen, last_seen) VALUES (?, ?, 1, 1)');
    const results = await Promise.allSettled([
      writer.submit(() => insert.run(7, 'a').changes),
      writer.submit(() => insert.run(7, 'duplicate').changes),
      writer.submit(() => insert.run(8, 'b').changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT COUNT(*) FROM projects').pluck().get()).toBe(2);
    writer.close();
    db.close();
  });

  it('checkpoints the WAL from its worker and leaves no WAL behind after close', async () => {
    const { db, dir } = store();
    const writer = new GroupWriter(db);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0);
    const file = path.join(dir, 'lookout.db');
    const before = statSync(file).size;
    const insert = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
    const blob = 'x'.repeat(4000);
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => writer.submit(() => insert.run(`k${round}-${i}`, blob))));
    }
    // Only the worker copies pages into the database file: the writer's own checkpoint is off.
    await until(() => statSync(file).size > before + 2_000_000);
    writer.close();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDatabase(dir).db;
    expect(reopened.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(1000);
    reopened.close();
  });

  it('starts the WAL over under sustained writes instead of letting it grow', async () => {
    const { db, dir } = store();
    db.pragma(`journal_size_limit = ${256 * 4096}`);
    const writer = new GroupWriter(db, 256, { restartFrames: 256 });
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    const blob = 'y'.repeat(3000);
    const wal = path.join(dir, 'lookout.db-wal');
    let largest = 0;
    // Never a pause between commits: ~20 MB in all, so the worker's checkpoints never see the WAL idle.
    let pending: Promise<unknown>[] = [];
    for (let i = 0; i < 6000; i++) {
      pending.push(writer.submit(() => insert.run(`s${i}`, blob)));
      if (pending.length === 20) { await Promise.all(pending); pending = []; largest = Math.max(largest, statSync(wal).size); }
    }
    await Promise.all(pending);
    // 256 frames of ~4 KiB each, then as many commits as go by before the checkpointer reports
    // the length: a few 50 ms intervals on a loaded machine, where it runs at a lower priority
    // (9.4 MB was seen in a full parallel test run, 13.1 MB in one beside six other busy processes).
    // A WAL that never started over reaches ~32 MB, so 20 MB still tells the two apart.
    expect(largest).toBeLessThan(20 * 1024 * 1024);
    expect(db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(6000);
    writer.close();
    db.close();
  });

  // Nice values are per thread on Linux only (elsewhere the call would lower the whole process).
  it.runIf(process.platform === 'linux')('runs the checkpointer at a lower CPU priority than the thread that writes (Linux)', async () => {
    const niceOf = (stat: string) => Number(readFileSync(stat, 'utf8').split(') ')[1]!.split(' ')[16]);
    const lowered = () => readdirSync('/proc/self/task').filter((t) => niceOf(`/proc/self/task/${t}/stat`) === 10).length;
    const before = lowered();
    const { db } = store();
    const writer = new GroupWriter(db);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0);
    expect(lowered()).toBe(before + 1);
    expect(niceOf('/proc/thread-self/stat')).toBe(0);
    writer.close();
    db.close();
  });
});

