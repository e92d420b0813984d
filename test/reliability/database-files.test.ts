import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLookout } from '../../src/core/app';
import { NewerDatabaseError, SCHEMA_VERSION, versionNumber } from '../../src/core/store/db';
import { VERSION } from '../../src/core/version';
import type { EventDetail, Health } from '../../src/shared/api-types';
import { post, startTestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-dbfile-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data dir whose database holds one stored event, closed cleanly. */
async function populated(): Promise<{ dir: string; id: string }> {
  const dir = freshDir();
  const app = await startTestLookout({ dataDir: dir });
  const id = newEventId();
  expect((await post(`${app.url}/api/1/envelope/`, eventEnvelope(id, errorEvent(id, 1)))).status).toBe(200);
  await app.close();
  return { dir, id };
}

describe('a database written by a newer Lookout', () => {
  it('is refused with an error naming both versions, and nothing is changed', async () => {
    const { dir } = await populated();
    const file = join(dir, 'lookout.db');
    const future = new Database(file);
    future.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
      .run(SCHEMA_VERSION + 3, 'from the future', 'f'.repeat(64), Date.now());
    future.pragma(`user_version = ${versionNumber('7.4.2')}`);
    future.close();
    const before = { files: readdirSync(dir).sort(), hash: sha(file) };

    const err = await startLookout({ dataDir: dir, port: 0, host: '127.0.0.1', log: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NewerDatabaseError);
    const message = (err as Error).message;
    expect(message).toContain(`Lookout 7.4.2 (schema ${SCHEMA_VERSION + 3})`);
    expect(message).toContain(`this is Lookout ${VERSION}, which supports schema ${SCHEMA_VERSION}`);
    expect(message).toContain('Nothing was changed');
    expect(readdirSync(dir).sort()).toEqual(before.files);
    expect(sha(file)).toBe(before.hash);
  });
});

describe('a corrupt database', () => {
  async function startOnCorrupt(dir: string) {
    const logged: string[] = [];
    const app = await startTestLookout({ dataDir: dir, log: (line) => logged.push(line) });
    const health = await app.api<Health>('health');
    return { app, logged, health };
  }

  function expectMovedAside(dir: string, corruptHash: string, notices: string[], logged: string[]): void {
    const aside = readdirSync(dir).filter((f) => /^lookout\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/.test(f));
    expect(aside).toHaveLength(1);
    expect(sha(join(dir, aside[0]!))).toBe(corruptHash);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(aside[0]);
    expect(notices[0]).toMatch(/corrupt.*fresh one started/);
    expect(logged).toContain(notices[0]);
  }

  it('that is not a database at all is moved aside with a timestamp; a fresh one starts; the user is told', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'lookout.db'), Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 131 + 7) % 251)));
    const corruptHash = sha(join(dir, 'lookout.db'));
    const { app, logged, health } = await startOnCorrupt(dir);
    try {
      expectMovedAside(dir, corruptHash, health.notices, logged);
      const id = newEventId();
      expect((await post(`${app.url}/api/1/envelope/`, eventEnvelope(id, errorEvent(id, 2)))).status).toBe(200);
      expect((await app.api<EventDetail>(`events/${id}`)).eventId).toBe(id);
    } finally {
      await app.close();
    }
  });

  it('with damaged pages inside is moved aside too, and the next start is clean', async () => {
    const { dir } = await populated();
    const file = join(dir, 'lookout.db');
    const fd = openSync(file, 'r+');
    const pageSize = 16384;
    writeSync(fd, Buffer.alloc(pageSize * 3, 0xa5), 0, pageSize * 3, pageSize); // pages 2–4: b-tree roots
    closeSync(fd);
    const corruptHash = sha(file);
    const first = await startOnCorrupt(dir);
    expectMovedAside(dir, corruptHash, first.health.notices, first.logged);
    await first.app.close();

    const second = await startOnCorrupt(dir);
    expect(second.health.notices).toEqual([]);
    await second.app.close();
  });
});
