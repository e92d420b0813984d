import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBody } from './event-payload';
import { itemQueries } from '../api/item-queries';
import { CORPUS_DIR } from '../export/test-report-input';
import type { EnvelopePlan } from '../pipeline/types';
import { bodyDictionaries, StoredBodyError } from './body-dictionary';
import { deflateWithDictionary, encodePayload, rememberGzip } from './codec';
import type { DB } from './db';
import { recordEnvelope, type Outcome } from './envelope-writer';
import { insertEventItem, openStore, preparePlan, removeStoreDirs, sameErrorBodies, shapeKey, tempStoreDir } from './test-dictionary-store';

const T0 = Date.UTC(2026, 0, 5, 10);
const accepted = (plan: EnvelopePlan): Outcome =>
  ({ outcome: 'accepted', status: 200, reason: null, itemCount: plan.itemCount, projectId: plan.projectId });
const corpus = (name: string) => readFileSync(path.join(CORPUS_DIR, name));
const codecOf = (db: DB, id: number) => db.prepare('SELECT body_codec FROM envelopes WHERE id = ?').pluck().get(id) as string;

let bodies: Buffer[] = [];
beforeAll(async () => { bodies = await sameErrorBodies(5); });
afterEach(removeStoreDirs);

/** Records `body` keyed as plan-writer keys it (or by `key`); returns the envelope id and plan. */
async function write(db: DB, body: Buffer, projectId: number, key?: string): Promise<{ id: number; plan: EnvelopePlan }> {
  const plan = await preparePlan(body, projectId, T0);
  return { id: recordEnvelope(db)(plan.request, accepted(plan), key ?? shapeKey(plan)), plan };
}

describe('damaged body dictionaries', () => {
  it('fail only the bodies stored against them, naming the dictionary, and ingest goes on without them', async () => {
    const dir = tempStoreDir();
    let db = openStore(dir);
    const a = [await write(db, bodies[0]!, 1), await write(db, bodies[1]!, 1)];
    const b = await write(db, bodies[2]!, 2);
    const plain = await write(db, bodies[3]!, 1, '');
    const [dictA] = db.prepare('SELECT id FROM body_dictionaries WHERE project_id = 1').pluck().all() as number[];
    const seq = insertEventItem(db, a[1]!.id, a[1]!.plan);
    const damage = (sql: string, ...args: unknown[]) => {
      db.prepare(sql).run(...args);
      db.close();
      db = openStore(dir); // nothing cached: the damage is what a fresh start reads
    };
    const readsOthers = () => {
      expect(envelopeBody(db, b.id)?.equals(bodies[2]!)).toBe(true);
      expect(envelopeBody(db, plain.id)?.equals(bodies[3]!)).toBe(true);
    };

    damage('UPDATE body_dictionaries SET data = ? WHERE id = ?', bodies[4]!.subarray(0, 300), dictA);
    for (const { id } of a) {
      expect(() => envelopeBody(db, id)).toThrow(StoredBodyError);
      expect(() => envelopeBody(db, id)).toThrow(`body dictionary ${dictA} does not decompress`);
    }
    expect(itemQueries(db).detail(seq).note).toMatch(new RegExp(`cannot be read: body dictionary ${dictA} does not decompress`));
    readsOthers();

    const other = encodePayload(bodies[4]!);
    damage('UPDATE body_dictionaries SET data = ?, codec = ? WHERE id = ?', other.data, other.codec, dictA);
    expect(() => envelopeBody(db, a[1]!.id)).toThrow(`body dictionary ${dictA} is corrupt (CRC mismatch)`);
    readsOthers();
    const during = await write(db, bodies[4]!, 1);
    expect(codecOf(db, during.id)).toBe('br');
    expect(envelopeBody(db, during.id)?.equals(bodies[4]!)).toBe(true);

    damage('DELETE FROM body_dictionaries WHERE id = ?', dictA);
    expect(() => envelopeBody(db, a[0]!.id)).toThrow(`body dictionary ${dictA} is missing from the store`);
    readsOthers();
    db.close();
  });

  it('never trusts a cached dictionary the table no longer agrees with', async () => {
    const dir = tempStoreDir();
    const db = openStore(dir);
    const plan = await preparePlan(bodies[0]!, 1, T0);
    expect(() => db.transaction(() => {
      recordEnvelope(db)(plan.request, accepted(plan), shapeKey(plan));
      throw new Error('the batch failed');
    })()).toThrow('the batch failed');
    const rolledBack = bodyDictionaries(db).cache;
    expect(rolledBack.count).toBe(1); // bytes of an insert that never committed

    // Another connection takes the same id for other bytes; this one's cache still holds the old ones.
    const other = openStore(dir);
    const taken = await write(other, bodies[1]!, 1, 'item:event');
    expect(other.prepare('SELECT id FROM body_dictionaries').pluck().all()).toEqual([1]);
    expect(rolledBack.get(1)?.bytes.equals(bodies[0]!)).toBe(true);

    expect(envelopeBody(db, taken.id)?.equals(bodies[1]!)).toBe(true);
    const repeat = await write(db, bodies[2]!, 1, 'item:event');
    expect(codecOf(db, repeat.id)).toBe('dict:1');
    expect(envelopeBody(other, repeat.id)?.equals(bodies[2]!)).toBe(true);
    other.close();
    db.close();
  });

  it('keeps the gzip bytes a client sent when they are smaller than the dictionary result', async () => {
    const db = openStore(tempStoreDir());
    const first = corpus('envelope_php_wordpress.txt');
    await write(db, first, 1, 'item:event');
    const stranger = corpus('envelope_astro_ssr_browser.txt');
    const sent = gzipSync(stranger);
    expect(deflateWithDictionary(stranger, first).length).toBeGreaterThan(sent.length);
    rememberGzip(stranger, sent);
    const kept = await write(db, stranger, 1, 'item:event');
    expect(codecOf(db, kept.id)).toBe('gzip');

    const repeat = Buffer.from(first);
    const repeatSent = gzipSync(repeat);
    rememberGzip(repeat, repeatSent);
    const small = await write(db, repeat, 1, 'item:event');
    expect(codecOf(db, small.id)).toBe('dict:1');
    const stored = db.prepare('SELECT body FROM envelopes WHERE id = ?').pluck().get(small.id) as Buffer;
    expect(stored.length * 10).toBeLessThan(repeatSent.length);
    for (const [id, body] of [[kept.id, stranger], [small.id, repeat]] as const) expect(envelopeBody(db, id)?.equals(body)).toBe(true);
    db.close();
  });
});
