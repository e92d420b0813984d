/**
 * Profiles found however they were sent (migration 020), against a real Lookout over HTTP with
 * the corpus' real SDK payloads: a @sentry/react v1 profile sent apart from its transaction, a
 * transaction naming its profile by `contexts.profile.profile_id`, and the sentry.cocoa chunk
 * found by its samples' times (2024) rather than when it arrived (now), also in a store written
 * before migration 020.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventProfiles, ProfileResponse, TraceProfiles } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { parseEnvelope, serializeEnvelope, type EnvelopeItem } from '../src/core/ingest/envelope';
import * as lookupSql from '../src/core/api/profile-lookup';
import { openDatabase } from '../src/core/store/db';
import { MIGRATIONS } from '../src/core/store/migrations';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/protocol/spotlight/', import.meta.url));
const REACT_TX = 'a79bb264f52f4a9992d7b1914a0c27d5';
const REACT_TRACE = '102da487eb584409b2bc4d9ea35e485f';
const OLD_TX = '78ad2fa7b4eb4fd4a1f055d9db1d511b';
const OLD_PROFILE = 'c34629add2af4829934e537a8f708893';
const PROFILER = '71bba98d90b545c39f2ae73f702d7ef4';
/** The cocoa chunk's first sample as recorded, 2024-08-27 (seconds); its 7 samples are 10 ms apart. */
const RECORDED_START = 1724770811.503;
/**
 * Whole seconds the chunk's samples are moved by, to two days ago: a transaction dated over 30 days
 * back is moved to its receive time, as Relay moves it (pipeline/event-clock.ts), and would then
 * cover none of a 2024 chunk.
 */
const SHIFT = Math.floor(Date.now() / 1000 - 2 * 86_400 - RECORDED_START);
const CHUNK_START = RECORDED_START + SHIFT;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function corpusItems(file: string): EnvelopeItem[] {
  return parseEnvelope(readFileSync(CORPUS + file)).items;
}
const envelope = (eventId: string | null, items: EnvelopeItem[]) => serializeEnvelope({ headers: eventId ? { event_id: eventId } : {}, items });
const json = (item: EnvelopeItem) => JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
const item = (type: string, payload: unknown): EnvelopeItem => ({ headers: { type }, payload: Buffer.from(JSON.stringify(payload)) });

/** The cocoa chunk as sent (the fixture declares more bytes than it holds, so it is re-framed whole). */
function chunk(profilerId = PROFILER): EnvelopeItem {
  const payload = JSON.parse(readFileSync(CORPUS + 'profile_chunk_1.txt', 'utf8').split('\n')[2]!) as { profile: { samples: { timestamp: number }[] } };
  for (const sample of payload.profile.samples) sample.timestamp += SHIFT;
  return item('profile_chunk', { ...payload, profiler_id: profilerId });
}

/** A cocoa transaction of `trace` over [start, end] (seconds) on thread 259, naming the chunk's profiler. */
function cocoaTransaction(eventId: string, trace: string, start: number, end: number, profiler = PROFILER): EnvelopeItem {
  return item('transaction', { event_id: eventId, type: 'transaction', transaction: 'app launch', start_timestamp: start, timestamp: end,
    platform: 'cocoa', contexts: { trace: { trace_id: trace, span_id: 'e'.repeat(16), op: 'app.start', data: { 'thread.id': '259' } },
      profile: { profiler_id: profiler } }, spans: [] });
}

async function started(dataDir?: string): Promise<TestLookout> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'lookout-profile-lookup-'));
  if (!dataDir) dirs.push(dir);
  return startTestLookout({ dataDir: dir });
}

async function send(lookout: TestLookout, body: Buffer): Promise<void> {
  expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=lookout`, body)).status).toBe(200);
}

/** Sends every case of this file: a v1 profile before and apart from its transaction, one linked by profile id, chunks. */
async function sendAll(lookout: TestLookout): Promise<void> {
  const [reactTx, reactProfile] = corpusItems('enveplope_browser_js_profile.bin');
  await send(lookout, envelope(json(reactProfile!).event_id as string, [reactProfile!]));
  await send(lookout, envelope(REACT_TX, [reactTx!]));
  // The profile names no transaction; the transaction names it, as `contexts.profile.profile_id`.
  const [oldTx, oldProfile] = corpusItems('application_x_sentry_envelope-1701423930091.txt');
  const { transactions: _, ...bare } = json(oldProfile!);
  await send(lookout, envelope(OLD_PROFILE, [item('profile', bare)]));
  const tx = json(oldTx!) as { contexts: Record<string, unknown> };
  tx.contexts.profile = { profile_id: OLD_PROFILE };
  await send(lookout, envelope(OLD_TX, [item('transaction', tx)]));
  // A chunk whose samples ran two days ago; another profiler's chunk at the same time.
  await send(lookout, envelope(null, [chunk()]));
  await send(lookout, envelope(null, [chunk('ab'.repeat(16))]));
  // The first transaction began before the chunk and covers its first 3 samples (0–20 ms); the second
  // began after the chunk's start (its last 4 samples, 30–60 ms); the third is a day later.
  await send(lookout, envelope('1'.repeat(32), [cocoaTransaction('1'.repeat(32), '2'.repeat(32), CHUNK_START - 1, CHUNK_START + 0.021)]));
  await send(lookout, envelope('3'.repeat(32), [cocoaTransaction('3'.repeat(32), '4'.repeat(32), CHUNK_START + 0.029, CHUNK_START + 5)]));
  await send(lookout, envelope('5'.repeat(32), [cocoaTransaction('5'.repeat(32), '6'.repeat(32), CHUNK_START + 86_400, CHUNK_START + 86_401)]));
}

/** What each case must find; run on a fresh store and on one migrated to 020. */
async function expectFound(lookout: TestLookout): Promise<void> {
  const items = (await lookout.api<Page<ItemSummary>>('items')).items;
  const profileSeqs = items.filter((i) => i.kind === 'profile').map((i) => i.seq).sort((a, b) => a - b);
  expect(profileSeqs).toHaveLength(2);

  // A v1 profile sent before and apart from its transaction: the event page and the trace find it.
  expect(await lookout.api<EventProfiles>(`events/${REACT_TX}/profiles`)).toEqual({ profileItemSeq: profileSeqs[0], profilerId: null, chunkCount: 0 });
  const react = await lookout.api<ProfileResponse>(`profiles/events/${REACT_TX}`);
  expect(react.source).toMatchObject({ kind: 'profile', transactionId: REACT_TX, traceId: REACT_TRACE, itemSeqs: [profileSeqs[0]] });
  expect(react.threads[0]).toMatchObject({ id: '0', active: true, sampleCount: 368 });
  expect((await lookout.api<TraceProfiles>(`traces/${REACT_TRACE}/profiles`)).transactions).toEqual([
    { eventId: REACT_TX, name: '/:provider/:owner/:repo', itemSeq: profileSeqs[0] }]);

  // Linked the other way: the transaction's `contexts.profile.profile_id` is the profile's `event_id`.
  expect(await lookout.api<EventProfiles>(`events/${OLD_TX}/profiles`)).toMatchObject({ profileItemSeq: profileSeqs[1] });
  expect((await lookout.api<ProfileResponse>(`profiles/events/${OLD_TX}`)).threads[0]).toMatchObject({ id: '0', sampleCount: 365 });

  // The chunk found by its samples' times for a transaction of the same moment, on its thread.
  expect(await lookout.api<EventProfiles>(`events/${'1'.repeat(32)}/profiles`)).toEqual({ profileItemSeq: null, profilerId: PROFILER, chunkCount: 1 });
  const cut = await lookout.api<ProfileResponse>(`profiles/events/${'1'.repeat(32)}`);
  expect(cut.source).toMatchObject({ kind: 'chunks', profilerIds: [PROFILER] });
  expect(cut.source.windowStartMs).toBeCloseTo((CHUNK_START - 1) * 1000, 0);
  expect(cut.threads.map((t) => [t.id, t.active, t.sampleCount])).toEqual([['259', true, 3]]);
  // A chunk that began before the transaction and runs into it; and the trace view over the same chunk.
  expect((await lookout.api<ProfileResponse>(`profiles/events/${'3'.repeat(32)}`)).threads[0]).toMatchObject({ id: '259', sampleCount: 4 });
  expect(await lookout.api<TraceProfiles>(`traces/${'4'.repeat(32)}/profiles`)).toMatchObject({ profilerIds: [PROFILER], chunkCount: 1 });
  // A day later the profiler sent nothing: no link, and the profile answers 404.
  expect(await lookout.api<EventProfiles>(`events/${'5'.repeat(32)}/profiles`)).toEqual({ profileItemSeq: null, profilerId: PROFILER, chunkCount: 0 });
  expect((await fetch(`${lookout.url}/_lookout/api/profiles/events/${'5'.repeat(32)}`)).status).toBe(404);
}

describe('profiles found however they were sent', () => {
  it('links a transaction to its v1 profile sent apart, either way round, and to chunks by their samples\' times', async () => {
    const lookout = await started();
    try {
      await sendAll(lookout);
      await expectFound(lookout);
      // Not a transaction: 404, so the event page shows no link.
      expect((await fetch(`${lookout.url}/_lookout/api/events/${'9'.repeat(32)}/profiles`)).status).toBe(404);
    } finally {
      await lookout.close();
    }
  });

  it('finds the same in a store written before its migration (profile-lookup), once it has run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-profile-020-'));
    dirs.push(dir);
    const first = await started(dir);
    await sendAll(first);
    await first.close();
    // Back to the rows as stored before the migration (without its columns and indexes), then the migration as `migrate` runs it.
    const db = new Database(join(dir, 'lookout.db'));
    for (const index of ['other_items_profile_transaction', 'other_items_profile_id', 'other_items_chunk_time']) db.exec(`DROP INDEX ${index}`);
    for (const column of ['item_index', 'transaction_id', 'profile_id', 'profiler_id', 'start_ms', 'end_ms']) db.exec(`ALTER TABLE other_items DROP COLUMN ${column}`);
    const migration = MIGRATIONS.find((m) => m.name === 'profile-lookup')!;
    db.transaction(() => { db.exec(migration.sql); migration.after!(db); })();
    expect(db.prepare("SELECT count(*) FROM other_items WHERE item_type = 'profile_chunk' AND start_ms IS NOT NULL").pluck().get()).toBe(2);
    db.close();
    const again = await started(dir);
    try {
      await expectFound(again);
    } finally {
      await again.close();
    }
  });

  it('looks profiles up through indexes only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-profile-plans-'));
    dirs.push(dir);
    const { db } = openDatabase(dir);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array<string>((sql.match(/\?/g) ?? []).length).fill('x')) as
      { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(lookupSql.PROFILE_BY_TRANSACTION_SQL)).toMatch(/^SEARCH o USING INDEX other_items_profile_transaction \(transaction_id=\?\) \| SEARCH i USING INDEX items_envelope/);
    expect(plan(lookupSql.PROFILE_BY_ID_SQL)).toMatch(/^SEARCH o USING INDEX other_items_profile_id \(profile_id=\?\) \| SEARCH i USING INDEX items_envelope/);
    expect(plan(lookupSql.PROFILE_IN_ENVELOPE_SQL)).toMatch(/^SEARCH i USING INDEX items_envelope \(envelope_id=\?\) \| SEARCH o USING INDEX other_items_envelope/);
    expect(plan(lookupSql.CHUNKS_STARTING_IN_SQL)).toMatch(/^SEARCH o USING INDEX other_items_chunk_time \(profiler_id=\? AND start_ms>\? AND start_ms<\?\)/);
    expect(plan(lookupSql.CHUNKS_STARTING_BEFORE_SQL)).toMatch(/^SEARCH o USING INDEX other_items_chunk_time \(profiler_id=\? AND start_ms<\?\)/);
    expect(plan(lookupSql.CHUNKS_UNTIMED_SQL)).toMatch(/^SEARCH o USING INDEX other_items_chunk_time \(profiler_id=\? AND start_ms=\?\)/);
    db.close();
  });
});
