import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../e2e/server';
import { SCHEMA_VERSION, versionNumber } from '../../src/core/store/db';
import { VERSION } from '../../src/core/version';
import { ensureCliBuilt, errorEvent, eventEnvelope, newEventId, ROOT } from './support';

/** How many times the real `lookout serve` process is SIGKILLed; the README quotes this figure. */
const KILLS = 12;
const SENDERS = 6;

let dataDir: string;

beforeAll(() => {
  ensureCliBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'lookout-crash-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The real `lookout serve` process: these share one file so the CLI bundle is built once.

interface Round { acked: string[]; unexpected: string[] }

/**
 * Senders post events back to back until the server goes away. An id counts as acknowledged
 * only when the server answered 200 with that id: Lookout answers after the commit.
 */
function sendUntilKilled(server: RunningServer, round: Round, onAck: () => void): Promise<void>[] {
  return Array.from({ length: SENDERS }, async (_, worker) => {
    for (let n = 0; ; n++) {
      const id = newEventId();
      let res: Response;
      try {
        res = await fetch(`${server.url}/api/1/envelope/?sentry_key=crash`, {
          method: 'POST', body: eventEnvelope(id, errorEvent(id, (worker + n) % 4)),
        });
      } catch {
        return; // the connection died with the process
      }
      const text = await res.text().catch(() => null);
      if (text === null) return;
      if (res.status !== 200 || text !== JSON.stringify({ id })) {
        round.unexpected.push(`${res.status} ${text}`);
        return;
      }
      round.acked.push(id);
      onAck();
    }
  });
}

describe('SIGKILL at random moments while events stream in', () => {
  it(`loses no acknowledged event over ${KILLS} kills and keeps the store consistent`, async () => {
    const acked: string[] = [];
    const thresholds: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServer({ dataDir });
      // The kill lands after a random number of acknowledgements (0 = right at the ready line),
      // while the other senders have requests in flight: mid-parse, mid-commit or mid-answer.
      const threshold = kill === 0 ? 0 : Math.floor(Math.random() * 80);
      thresholds.push(threshold);
      const round: Round = { acked: [], unexpected: [] };
      let killed: Promise<number | null> | null = null;
      const killNow = () => { killed ??= server.stop('SIGKILL'); };
      if (threshold === 0) killNow();
      const senders = sendUntilKilled(server, round, () => { if (round.acked.length >= threshold) killNow(); });
      await Promise.all(senders);
      killNow();
      await killed;
      expect(server.process.signalCode, `round ${kill} ended by our SIGKILL, not by a crash`).toBe('SIGKILL');
      expect(round.unexpected, `round ${kill}`).toEqual([]);
      acked.push(...round.acked);
    }

    // One more start proves the server comes back and serves what was acknowledged.
    const last = await startServer({ dataDir });
    const sample = acked.at(-1);
    if (sample) expect((await fetch(`${last.url}/_lookout/api/events/${sample}`)).status).toBe(200);
    await last.stop('SIGTERM');

    const db = new Database(join(dataDir, 'lookout.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(db.prepare("SELECT event_id FROM events WHERE kind = 'event'").pluck().all() as string[]);
      const lost = acked.filter((id) => !stored.has(id));
      expect(lost, `acknowledged but missing (thresholds ${thresholds.join(',')})`).toEqual([]);
      const mismatched = db.prepare(`SELECT i.id, i.count, (SELECT COUNT(*) FROM events e WHERE e.issue_id = i.id) AS stored
        FROM issues i WHERE i.count != (SELECT COUNT(*) FROM events e WHERE e.issue_id = i.id)`).all();
      expect(mismatched).toEqual([]);
      const total = db.prepare('SELECT SUM(count) FROM issues').pluck().get() as number;
      expect(total).toBe(stored.size);
      expect(acked.length).toBeGreaterThan(KILLS * 10);
      console.info(`crash test: ${KILLS} SIGKILLs, ${acked.length} acknowledged, ${stored.size} stored, 0 lost, ` +
        `kill thresholds ${thresholds.join(',')}`);
    } finally {
      db.close();
    }
  }, 90_000);
});

describe('lookout serve refuses a database from a newer Lookout', () => {
  it('exits 1 with a message naming both versions, leaving the data dir as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-newer-'));
    try {
      const server = await startServer({ dataDir: dir });
      await server.stop('SIGTERM');
      const db = new Database(join(dir, 'lookout.db'));
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
        .run(SCHEMA_VERSION + 1, 'next', '0'.repeat(64), Date.now());
      db.pragma(`user_version = ${versionNumber('9.0.1')}`);
      db.close();
      const files = readdirSync(dir).sort();
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/lookout.js'), 'serve', '--port', '0', '--data-dir', dir], { encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`written by Lookout 9.0.1 (schema ${SCHEMA_VERSION + 1}); this is Lookout ${VERSION}, which supports schema ${SCHEMA_VERSION}`);
      expect(readdirSync(dir).sort()).toEqual(files);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lookout serve --host 0.0.0.0', () => {
  it('prints a warning with the token URL, then the UI and read API need that token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-lan-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin/lookout.js'), 'serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => { text += d.toString(); if (/token=[0-9a-f]{32}\n/.test(text)) resolve(text); });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      expect(out).toMatch(/^Lookout listening on http:\/\/0\.0\.0\.0:\d+\n/);
      expect(out).toMatch(/Warning: listening on 0\.0\.0\.0, beyond this machine/);
      const m = /(http:\/\/\S+)\/\?token=([0-9a-f]{32})/.exec(out)!;
      const port = new URL(m[1]!).port;
      // The DSN and token URL name an address other devices can use (this machine's LAN IPv4), not 0.0.0.0.
      const lan = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
      expect(new URL(m[1]!).hostname).toBe(lan ?? '0.0.0.0');
      expect(out).toContain(`DSN: http://lookout@${lan ?? '0.0.0.0'}:${port}/1`);
      expect((await fetch(`http://127.0.0.1:${port}/_lookout/api/health`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/_lookout/api/health?token=${m[2]}`)).status).toBe(200);
      const id = newEventId();
      expect((await fetch(`http://127.0.0.1:${port}/api/1/envelope/`, { method: 'POST', body: eventEnvelope(id, errorEvent(id, 0)) })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lookout serve retention flags', () => {
  it('--max-events prunes the oldest events at start, keeping issue totals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-flags-'));
    try {
      const first = await startServer({ dataDir: dir, args: ['--max-events', '5'] });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = newEventId();
        expect((await fetch(`${first.url}/api/1/envelope/`, { method: 'POST', body: eventEnvelope(id, errorEvent(id, i % 2)) })).status).toBe(200);
        ids.push(id);
      }
      await first.stop('SIGTERM');
      const second = await startServer({ dataDir: dir, args: ['--max-events', '5'] });
      try {
        const stored = async () => ((await (await fetch(`${second.url}/_lookout/api/events?limit=100`)).json()) as { items: { eventId: string }[] })
          .items.map((e) => e.eventId);
        await expect.poll(async () => (await stored()).length, { timeout: 10_000, interval: 50 }).toBe(5);
        expect((await stored()).sort()).toEqual(ids.slice(-5).sort());
        const issues = (await (await fetch(`${second.url}/_lookout/api/issues`)).json()) as { items: { count: number }[] };
        expect(issues.items.reduce((n, i) => n + i.count, 0)).toBe(12);
      } finally {
        await second.stop('SIGTERM');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
