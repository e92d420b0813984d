/**
 * A large stored profile is read from the store and aggregated on the built profile worker (its
 * own read-only connection), its answer cached until its items are deleted. Chunks scaled up from
 * the corpus' sentry.cocoa `profile_chunk`, stored by a real Lookout, read from its SQLite file.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProfileResponse } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { profileQueries } from '../src/core/api/profile-queries';
import { profileFromPayloads } from '../src/core/profile';
import { PROFILE_WORKER_BYTES } from '../src/core/profile/profile-job';
import { openDatabase, type DB } from '../src/core/store/db';
import { deleteEnvelopes } from '../src/core/store/envelope-delete';
import { post, startTestLookout } from './helpers/lookout';
import { scaledChunkEnvelope } from './helpers/large-profile-chunk';

const ROOT = resolve(__dirname, '..');
const WORKER = join(ROOT, 'out/cli/profile-worker.js');
const dataDir = mkdtempSync(join(tmpdir(), 'lookout-profile-read-'));
const chunks = [0, 1].map((i) => scaledChunkEnvelope({ samples: 60_000, chunkId: String(i).repeat(32) }));
let db: DB;
let seqs: number[];

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const lookout = await startTestLookout({ dataDir });
  for (const c of chunks) expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=lookout`, c.envelope)).status).toBe(200);
  const items = await lookout.api<Page<ItemSummary>>('items?limit=10');
  seqs = items.items.filter((i) => i.kind === 'profile_chunk').map((i) => i.seq).sort((a, b) => a - b);
  await lookout.close();
  db = openDatabase(dataDir).db;
}, 180_000);
afterAll(() => { db.close(); rmSync(dataDir, { recursive: true, force: true }); });

const parse = (json: Buffer) => JSON.parse(json.toString('utf8')) as ProfileResponse;
const envelopeOf = (seq: number) => db.prepare('SELECT envelope_id FROM items WHERE seq = ?').pluck().get(seq) as number;

describe('a large profile read off the main thread', () => {
  it('reads the stored request on the worker and answers what the main thread would', async () => {
    expect(chunks[0]!.payload.length).toBeGreaterThan(PROFILE_WORKER_BYTES);
    const prepared = vi.spyOn(db, 'prepare');
    const onWorker = await profileQueries(db, { workerFile: WORKER }).byItem(seqs[0]!);
    // The main thread never selected the request's body: the worker read it.
    expect(prepared.mock.calls.filter(([sql]) => /\bbody\b/.test(sql) && !/\bsize\b/.test(sql))).toEqual([]);
    prepared.mockRestore();
    const inline = await profileQueries(db).byItem(seqs[0]!);
    expect(onWorker.json.equals(inline.json)).toBe(true);
    const answer = parse(onWorker.json);
    const direct = profileFromPayloads([{ data: chunks[0]!.payload, label: `item ${seqs[0]}` }]).aggregate;
    expect(answer.threads).toEqual(direct.threads);
    expect(Object.fromEntries(answer.threads.map((t) => [t.name, t.sampleCount]))).toEqual({ main: 15_000, 'worker 1': 15_000, 'worker 2': 15_000, 'worker 3': 15_000 });
    expect(answer.source).toMatchObject({ kind: 'profile_chunk', platform: 'cocoa', profilerIds: ['71bba98d90b545c39f2ae73f702d7ef4'], itemSeqs: [seqs[0]] });
    expect(answer.problems).toEqual([]);
  });

  it('reads the bytes here and aggregates there when the worker cannot load the store driver', async () => {
    const fallback = await profileQueries(db, { workerFile: WORKER, nativeBinding: join(dataDir, 'no-such-addon.node') }).byItem(seqs[0]!);
    const inline = await profileQueries(db).byItem(seqs[0]!);
    expect(fallback.json.equals(inline.json)).toBe(true);
  });

  it('answers a reopened profile from the cache, and forgets it once its item is deleted', async () => {
    const profiles = profileQueries(db, { workerFile: WORKER });
    const first = await profiles.byItem(seqs[0]!);
    const started = performance.now();
    const again = await profiles.byItem(seqs[0]!);
    expect(performance.now() - started).toBeLessThan(50);
    expect(again).toBe(first);
    await profiles.byItem(seqs[1]!);
    expect(profiles.cache.count).toBe(2);
    expect(profiles.cache.size).toBe(first.json.byteLength + (await profiles.byItem(seqs[1]!)).json.byteLength);

    db.transaction(() => deleteEnvelopes(db, [envelopeOf(seqs[1]!)]))();
    expect(() => profiles.byItem(seqs[1]!)).toThrow(expect.objectContaining({ status: 404 }) as Error);
    expect(profiles.cache.count).toBe(1);
    expect(await profiles.byItem(seqs[0]!)).toBe(first);
  });

  it('says which item a request that no longer decodes is, from the worker as from the main thread', async () => {
    const envelopeId = envelopeOf(seqs[0]!);
    const codec = db.prepare('SELECT body_codec FROM envelopes WHERE id = ?').pluck().get(envelopeId) as string;
    db.prepare('UPDATE envelopes SET body = ? WHERE id = ?').run(Buffer.alloc(4096, 0xa5), envelopeId);
    const onWorker = parse((await profileQueries(db, { workerFile: WORKER }).byItem(seqs[0]!)).json);
    expect(onWorker.threads).toEqual([]);
    expect(onWorker.problems).toEqual([{ code: 'unreadable_item',
      message: expect.stringMatching(new RegExp(`^item ${seqs[0]}: its stored request cannot be read: stored body \\(${codec}\\) does not decompress`)) as unknown }]);
    expect(parse((await profileQueries(db).byItem(seqs[0]!)).json).problems).toEqual(onWorker.problems);
  });

  it('answers 503 naming the failure when the worker itself fails', async () => {
    const broken = join(dataDir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('the worker could not start');\n");
    const db2 = openDatabase(dataDir).db;
    const seq = db2.prepare("SELECT seq FROM items WHERE kind = 'profile_chunk' ORDER BY seq LIMIT 1").pluck().get() as number;
    await expect(profileQueries(db2, { workerFile: broken }).byItem(seq)).rejects.toMatchObject({
      status: 503, message: 'the profile could not be read: the profile worker failed: the worker could not start' });
    db2.close();
  });
});
