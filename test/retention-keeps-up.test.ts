import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../src/core/store/db';
import type { LookoutOptions } from '../src/core/app';
import type { StorageStatus } from '../src/shared/api-storage';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './reliability/support';

const running: TestLookout[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stopAndClean()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(opts: Partial<LookoutOptions>): Promise<{ lookout: TestLookout; db: DB; lines: string[] }> {
  let db: DB | null = null;
  const lines: string[] = [];
  const lookout = await startTestLookout({ ...opts, log: (line) => lines.push(line), onDatabase: (d) => { db = d; } });
  running.push(lookout);
  dirs.push(lookout.dataDir);
  return { lookout, db: db!, lines };
}

/** Retention's figures once no run is under way. */
async function settled(lookout: TestLookout): Promise<StorageStatus> {
  await expect.poll(async () => (await lookout.api<StorageStatus>('storage')).retentionRunning, { timeout: 10_000, interval: 20 }).toBe(false);
  return lookout.api<StorageStatus>('storage');
}

const stored = (db: DB) => db.prepare("SELECT n FROM store_counts WHERE name = 'error_events'").pluck().get() as number;

/** `n` events from `senders` keep-alive senders at once (an app in an error loop), each acknowledged. */
async function burst(lookout: TestLookout, n: number, senders: number, payload = 0): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: senders }, async () => {
    while (next < n) {
      const i = next++;
      const id = newEventId();
      const event = { ...errorEvent(id, i % 5), extra: payload ? { blob: randomBytes(payload / 2).toString('hex') } : undefined };
      expect((await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, event))).status).toBe(200);
    }
  }));
}

describe('retention under sustained ingest', () => {
  it('keeps the event limit while a burst goes on, not only at its 60 s tick, and says what it deleted', async () => {
    const { lookout, db, lines } = await start({ retention: { maxEvents: 150 } });
    let highest = 0;
    const watch = setInterval(() => { highest = Math.max(highest, stored(db)); }, 5);
    await burst(lookout, 1200, 6);
    clearInterval(watch);
    await expect.poll(() => stored(db), { timeout: 10_000, interval: 20 }).toBeLessThanOrEqual(150);
    // Checked every 32 commits: the store never runs far past its limit (the old loop let it reach 1,200).
    expect(highest).toBeLessThan(600);
    const status = await settled(lookout);
    const runs = lines.filter((l) => l.startsWith('retention: deleted'));
    for (const line of runs) expect(line).toMatch(/^retention: deleted [\d,]+ events \(oldest from \d{4}-\d{2}-\d{2}\) to stay under 150 events$/);
    // One line per run, and together they account for every event deleted.
    expect(runs.reduce((n, l) => n + Number(/deleted ([\d,]+)/.exec(l)![1]!.replace(/,/g, '')), 0)).toBe(1200 - stored(db));
    expect(status.runs[0]!.summary).toBe(runs.at(-1));
    expect(status.runs.some((r) => r.trigger === 'ingest')).toBe(true);
    expect(status.events).toBe(stored(db));
  });

  it('runs at once when a saved limit changes', async () => {
    const first = await start({});
    await burst(first.lookout, 60, 2);
    await first.lookout.close();
    running.splice(running.indexOf(first.lookout), 1);
    // A Lookout with nothing coming in: only the saved limit can start a run (the timer is a minute away).
    const { lookout, db } = await start({ dataDir: first.lookout.dataDir });
    await settled(lookout);
    const settings = await lookout.api<{ retention: Record<string, number> }>('settings');
    await lookout.api('settings', { method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ retention: { ...settings.retention, maxEvents: 20 } }) });
    await expect.poll(() => stored(db), { timeout: 3_000, interval: 20 }).toBe(20);
    expect((await settled(lookout)).runs[0]!.trigger).toBe('settings');
  });

  it('gives the space it frees back to the disk on a new store', async () => {
    const { lookout, db } = await start({});
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    await burst(lookout, 400, 4, 4000);
    const pages = () => db.pragma('page_count', { simple: true }) as number;
    const before = pages();
    const settings = await lookout.api<{ retention: Record<string, number> }>('settings');
    await lookout.api('settings', { method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ retention: { ...settings.retention, maxEvents: 10 } }) });
    await expect.poll(() => (stored(db) === 10 ? pages() : before), { timeout: 5_000, interval: 20 }).toBeLessThan(before * 0.6);
    const status = await settled(lookout);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(status.autoVacuum).toBe('incremental');
    expect(status.runs[0]!.freedBytes).toBeGreaterThan(0);
    expect(status.dbBytes).toBe(statSync(db.name).size);
  });
});

describe('Compact now', () => {
  it('turns an old store into an incremental one while requests sent meanwhile wait and are all stored', async () => {
    const first = await start({});
    const dataDir = first.lookout.dataDir;
    await burst(first.lookout, 300, 3, 4000);
    await first.lookout.close();
    running.splice(running.indexOf(first.lookout), 1);
    // As a store made before incremental auto-vacuum: `none`, with free pages inside.
    const old = new Database(`${dataDir}/lookout.db`);
    old.pragma('auto_vacuum = NONE');
    old.exec('VACUUM');
    old.close();

    const { lookout, db } = await start({ dataDir });
    const before = await lookout.api<StorageStatus>('storage');
    expect(before.autoVacuum).toBe('none');
    const res = await fetch(`${lookout.url}/_lookout/api/storage/compact`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as StorageStatus).compaction.running).toBe(true);
    expect((await fetch(`${lookout.url}/_lookout/api/storage/compact`, { method: 'POST' })).status).toBe(409);
    await burst(lookout, 40, 4); // acknowledged only once stored, during or after the VACUUM
    await expect.poll(async () => (await lookout.api<StorageStatus>('storage')).compaction.running, { timeout: 20_000, interval: 50 }).toBe(false);
    const after = await lookout.api<StorageStatus>('storage');
    expect(after.compaction.last?.error).toBeUndefined();
    expect(after.autoVacuum).toBe('incremental');
    expect(stored(db)).toBe(340);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });
});
