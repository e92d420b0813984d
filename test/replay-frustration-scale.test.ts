import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayListSql } from '../src/core/api/replay-queries';
import { parseEnvelope, serializeEnvelope } from '../src/core/ingest/envelope';
import { fixtureJson, recordingPayload } from '../src/core/replay/test-fixtures';
import { backfillReplayFrustration } from '../src/core/store/replay-frustration-backfill';
import { MIGRATIONS } from '../src/core/store/migrations';
import { post, startTestLookout } from './helpers/lookout';
import { storeBefore039 } from './helpers/store-before-039';

/**
 * Migration 039's backfill over 1,000 stored replays, each the real @sentry/browser dead-click
 * recording (4 small segments) plus a 50 KB one of DOM mutations as a real server stored them:
 * 5,000 segments, each read back from its own stored request and inflated.
 */
const REPLAYS = 1000;
const FIXTURE = (fixtureJson('browser-dead-clicks.json') as { envelopes: string[] }).envelopes.map((b64) => parseEnvelope(Buffer.from(b64, 'base64')));

/** The fixture's envelope `index` as replay `replayId`'s. */
function reIdentified(index: number, replayId: string): Buffer {
  const envelope = FIXTURE[index]!;
  const items = envelope.items.map((item) => (item.headers.type !== 'replay_event' ? item
    : { ...item, payload: Buffer.from(JSON.stringify({ ...JSON.parse(item.payload.toString('utf8')) as object, replay_id: replayId })) }));
  return serializeEnvelope({ headers: { ...envelope.headers, event_id: replayId }, items });
}

/** A ~50 KB segment as the SDK sends one (zlib): text and attribute mutations, no slow click. */
function mutationsEnvelope(replayId: string, segmentId: number, at: number): Buffer {
  const events = Array.from({ length: 250 }, (_, i) => ({ type: 3, timestamp: at + i * 20, data: { source: 0,
    texts: [{ id: 100 + i, value: `Order ${i} total ${(i * 7.31).toFixed(2)} EUR, shipped to warehouse ${i % 17}` }],
    attributes: [{ id: 400 + i, attributes: { class: `row row-${i % 9} ${i % 2 ? 'odd' : 'even'}`, style: `width: ${i % 300}px` } }], removes: [], adds: [] } }));
  const payload = recordingPayload(segmentId, deflateSync(Buffer.from(JSON.stringify(events))));
  return serializeEnvelope({ headers: { event_id: replayId }, items: [{ headers: { type: 'replay_recording', length: payload.length }, payload }] });
}

const dataDir = mkdtempSync(join(tmpdir(), 'lookout-frustration-scale-'));
const timings: string[] = [];
let before: Database.Database;

/**
 * Copies the one stored replay (`replayId`) `copies` times under new ids, each segment with its
 * own copy of its stored request, so every segment is read back from a request of its own.
 */
function cloneReplay(db: Database.Database, replayId: string, copies: number): void {
  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const envelopeColumns = columns('envelopes').filter((c) => c !== 'id');
  const segmentColumns = columns('replay_segments').filter((c) => !['id', 'replay_id', 'envelope_id'].includes(c));
  const replayColumns = columns('replays').filter((c) => c !== 'replay_id');
  const span = db.prepare('SELECT MAX(id) FROM envelopes').pluck().get() as number;
  db.transaction(() => {
    for (let k = 1; k < copies; k++) {
      const id = `${replayId.slice(0, 24)}${k.toString(16).padStart(8, '0')}`;
      db.prepare(`INSERT INTO envelopes (id, ${envelopeColumns.join(', ')}) SELECT id + ?, ${envelopeColumns.join(', ')} FROM envelopes WHERE id <= ?`).run(k * span, span);
      db.prepare(`INSERT INTO replay_segments (replay_id, envelope_id, ${segmentColumns.join(', ')})
        SELECT ?, envelope_id + ?, ${segmentColumns.join(', ')} FROM replay_segments WHERE replay_id = ?`).run(id, k * span, replayId);
      db.prepare(`INSERT INTO replays (replay_id, ${replayColumns.join(', ')}) SELECT ?, ${replayColumns.join(', ')} FROM replays WHERE replay_id = ?`).run(id, replayId);
    }
  })();
}

beforeAll(async () => {
  // One replay through a real server, as the SDK sent it: four envelopes of the fixture and the 50 KB segment.
  const lookout = await startTestLookout({ dataDir });
  const url = `${lookout.url}/api/1/envelope/?sentry_key=lookout`;
  const replayId = 'f'.repeat(24) + '0'.repeat(8);
  for (let i = 0; i < FIXTURE.length; i++) expect((await post(url, reIdentified(i, replayId))).status).toBe(200);
  expect((await post(url, mutationsEnvelope(replayId, FIXTURE.length, Date.now()))).status).toBe(200);
  await lookout.close();
  before = storeBefore039(join(dataDir, 'before'), join(dataDir, 'lookout.db'));
  cloneReplay(before, replayId, REPLAYS);
  const migration = MIGRATIONS.find((m) => m.version === 39);
  if (!migration) throw new Error('migration 039 missing');
  before.exec(migration.sql);
}, 120_000);
afterAll(() => {
  before.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(timings.join('\n'));
});

describe('migration 039 backfill at scale', () => {
  it('counts 1,000 replays (5,000 segments) in a few seconds', () => {
    expect(before.prepare('SELECT COUNT(*) FROM replay_segments').pluck().get()).toBe(REPLAYS * (FIXTURE.length + 1));
    // Timed once, as the migration runs once (a second run would find the pages cached), in one transaction as db.ts runs it.
    const started = performance.now();
    before.transaction(() => backfillReplayFrustration(before))();
    const ms = performance.now() - started;
    timings.push(`backfill of ${REPLAYS} replays, ${REPLAYS * (FIXTURE.length + 1)} segments: ${ms.toFixed(0)} ms, ` +
      `${((ms * 1000) / (REPLAYS * (FIXTURE.length + 1))).toFixed(0)} µs a segment`);
    expect(before.prepare('SELECT COUNT(*) FROM replays WHERE dead_clicks = 2 AND rage_clicks = 1').pluck().get()).toBe(REPLAYS);
    expect(ms).toBeLessThan(5_000);
  });

  it('lists the replays with the most dead or rage clicks from their index, without sorting them all', () => {
    const plan = (sql: string) => (before.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(100) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(replayListSql('-count_dead_clicks', false))).toMatch(/USING INDEX replays_dead_clicks/);
    expect(plan(replayListSql('count_rage_clicks', false))).toMatch(/USING INDEX replays_rage_clicks/);
    expect(plan(replayListSql('-count_dead_clicks', false))).not.toMatch(/TEMP B-TREE/);
  });
});
