import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBody, loadEventPayload } from './event-payload';
import { eventQueries } from '../api/event-queries';
import { itemQueries } from '../api/item-queries';
import { CORPUS_DIR } from '../export/test-report-input';
import type { EnvelopePlan } from '../pipeline/types';
import { bodyDictionaries } from './body-dictionary';
import { MAX_DICTIONARY_BODY } from './body-dictionary-encode';
import { encodePayload } from './codec';
import type { DB } from './db';
import { recordEnvelope, type Outcome } from './envelope-writer';
import { planWriter } from './plan-writer';
import { insertEventItem, openStore, preparePlan, removeStoreDirs, sameErrorBodies, shapeKey, tempStoreDir } from './test-dictionary-store';

const T0 = Date.UTC(2026, 0, 5, 10);
const accepted = (plan: EnvelopePlan): Outcome =>
  ({ outcome: 'accepted', status: 200, reason: null, itemCount: plan.itemCount, projectId: plan.projectId });

interface StoredRow { id: number; body: Buffer; body_codec: string; body_dict: number | null }
const rows = (db: DB) => db.prepare('SELECT id, body, body_codec, body_dict FROM envelopes ORDER BY id').all() as StoredRow[];
const dictionaryIds = (db: DB) => db.prepare('SELECT id FROM body_dictionaries ORDER BY id').pluck().all() as number[];

let bodies: Buffer[] = [];
beforeAll(async () => { bodies = await sameErrorBodies(6); });
afterEach(removeStoreDirs);

/** Writes each body's envelope row as plan-writer does, keyed by its primary grouping hash. */
async function recordAll(db: DB, list: Buffer[], projectId = 1): Promise<{ id: number; plan: EnvelopePlan }[]> {
  const record = recordEnvelope(db);
  const out: { id: number; plan: EnvelopePlan }[] = [];
  for (const [i, body] of list.entries()) {
    const plan = await preparePlan(body, projectId, T0 + i);
    out.push({ id: record(plan.request, accepted(plan), shapeKey(plan)), plan });
  }
  return out;
}

/** The event id a reader re-parses from the stored body, and the one the item view (`GET /items/:seq`) shows. */
function readBack(db: DB, envelopeId: number, plan: EnvelopePlan): { eventId: unknown; itemPayload: unknown } {
  const event = plan.items.find((i) => i.type === 'event');
  if (event?.type !== 'event') throw new Error('plan without an event');
  const payload = loadEventPayload(db, { envelope_id: envelopeId, item_index: event.itemIndex, received: plan.request.received,
    kind: 'event', payload: null, payload_codec: null, grouping: null });
  const detail = itemQueries(db).detail(insertEventItem(db, envelopeId, plan));
  return { eventId: payload.event_id, itemPayload: (detail.payload as { event_id?: unknown } | undefined)?.event_id };
}

describe('body dictionaries', () => {
  it('stores repeats of one error against the first body, and every reader gets the bytes back', async () => {
    const db = openStore(tempStoreDir());
    const written = await recordAll(db, bodies);
    const keys = new Set(written.map((w) => shapeKey(w.plan)));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f]{32}$/);
    const [dictId, ...more] = dictionaryIds(db);
    expect(more).toEqual([]);
    const stored = rows(db);
    expect(stored.map((r) => r.body_codec)).toEqual(bodies.map(() => `dict:${dictId}`));
    expect(stored.map((r) => r.body_dict)).toEqual(bodies.map(() => dictId));
    // The first body lives only in its dictionary; repeats are a fraction of storing them alone.
    expect(stored[0]?.body.length).toBe(0);
    stored.slice(1).forEach((r, i) => expect(r.body.length * 4).toBeLessThan(encodePayload(bodies[i + 1]!).data.length));
    written.forEach(({ id, plan }, i) => {
      expect(envelopeBody(db, id)?.equals(bodies[i]!)).toBe(true);
      const event = plan.items.find((it) => it.type === 'event');
      const back = readBack(db, id, plan);
      expect(back.eventId).toBe(event?.type === 'event' ? event.eventId : 'no event');
      expect(back.itemPayload).toBe(back.eventId);
    });
    db.close();
  });

  it('reads every body back from a store opened afresh, with nothing cached', async () => {
    const dir = tempStoreDir();
    const first = openStore(dir);
    const written = await recordAll(first, bodies);
    first.close();
    const db = openStore(dir);
    const cache = bodyDictionaries(db).cache;
    expect(cache.count).toBe(0);
    written.forEach(({ id }, i) => expect(envelopeBody(db, id)?.equals(bodies[i]!)).toBe(true));
    expect(cache.count).toBe(1);
    expect(cache.size).toBe(bodies[0]!.length);
    db.close();
  });

  it('keeps one dictionary per project and key', async () => {
    const db = openStore(tempStoreDir());
    await recordAll(db, bodies.slice(0, 2), 1);
    await recordAll(db, bodies.slice(2, 4), 2);
    const record = recordEnvelope(db);
    const plan = await preparePlan(bodies[4]!, 1, T0);
    record(plan.request, accepted(plan), 'item:event');
    const dicts = db.prepare('SELECT project_id, key, size FROM body_dictionaries ORDER BY id').all() as { project_id: number; key: string; size: number }[];
    const key = shapeKey(plan);
    expect(dicts).toEqual([
      { project_id: 1, key, size: bodies[0]!.length },
      { project_id: 2, key, size: bodies[2]!.length },
      { project_id: 1, key: 'item:event', size: bodies[4]!.length },
    ]);
    db.close();
  });

  it('stores a body alone when it has no key, was rejected, or is past the window', async () => {
    const db = openStore(tempStoreDir());
    const record = recordEnvelope(db);
    const plan = await preparePlan(bodies[0]!, 1, T0);
    const key = shapeKey(plan);
    record(plan.request, { ...accepted(plan), outcome: 'rejected', status: 429, reason: 'rate limited' }, key);
    record(plan.request, accepted(plan));
    const big = readFileSync(path.join(CORPUS_DIR, 'envelope_javascript.txt'));
    expect(big.length).toBeGreaterThan(MAX_DICTIONARY_BODY);
    record({ ...plan.request, body: big }, accepted(plan), key);
    expect(rows(db).map((r) => [r.body_codec, r.body_dict])).toEqual([['br', null], ['br', null], ['br', null]]);
    expect(dictionaryIds(db)).toEqual([]);
    db.close();
  });

  it('stores a large body as the prepare worker packed it, without packing it again', async () => {
    const db = openStore(tempStoreDir());
    const record = recordEnvelope(db);
    const plan = await preparePlan(bodies[0]!, 1, T0);
    const big = readFileSync(path.join(CORPUS_DIR, 'envelope_javascript.txt'));
    // gzip, which the writer itself would not choose: what is stored is what the worker sent.
    const packed = { codec: 'gzip' as const, data: gzipSync(big) };
    expect(encodePayload(big).codec).toBe('br');
    const first = record({ ...plan.request, body: big }, accepted(plan), shapeKey(plan), null, packed);
    // Incompressible: the worker says so and sends nothing back; the body is stored as received.
    const second = record({ ...plan.request, body: big }, accepted(plan), null, null, { codec: 'raw', data: null });
    expect(rows(db).map((r) => [r.body_codec, r.body_dict, r.body?.length])).toEqual([['gzip', null, packed.data.length], ['raw', null, big.length]]);
    expect(rows(db)[0]!.body?.equals(packed.data)).toBe(true);
    for (const id of [first, second]) expect(envelopeBody(db, id)?.equals(big)).toBe(true);
    db.close();
  });

  it('round-trips bodies the real plan writer stores, through the event, item and raw views', async () => {
    const dir = tempStoreDir();
    let db = openStore(dir);
    const write = planWriter(db);
    const written: { envelopeId: number; seq: number; eventId: string }[] = [];
    for (const [i, body] of bodies.entries()) {
      const plan = await preparePlan(body, 1, T0 + i);
      const result = db.transaction(() => write(plan))();
      const event = result.items.find((it) => it.kind === 'event');
      if (!event?.eventId) throw new Error('no event stored');
      written.push({ envelopeId: result.envelopeId, seq: event.seq, eventId: event.eventId });
    }
    // Repeats of one error share its dictionary: every row after the first is a few hundred bytes.
    const stored = db.prepare('SELECT body_codec, length(body) AS size FROM envelopes ORDER BY id').all() as { body_codec: string; size: number }[];
    expect(stored.every((r) => r.body_codec.startsWith('dict:'))).toBe(true);
    expect(Math.max(...stored.slice(1).map((r) => r.size))).toBeLessThan(Math.min(...bodies.map((b) => b.length)) / 4);
    db.close();
    db = openStore(dir);
    written.forEach((w, i) => {
      expect(envelopeBody(db, w.envelopeId)?.equals(bodies[i]!)).toBe(true);
      expect(eventQueries(db).detail(w.eventId).payload.event_id).toBe(w.eventId);
      expect((itemQueries(db).detail(w.seq).payload as { event_id?: unknown }).event_id).toBe(w.eventId);
    });
    db.close();
  });
});
