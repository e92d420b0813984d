import { crc32 } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBody } from './event-payload';
import type { EnvelopePlan } from '../pipeline/types';
import { bodyDictionaries } from './body-dictionary';
import type { DictionaryHint } from './body-dictionary-encode';
import { deflateWithDictionary } from './codec';
import { recordEnvelope, type Outcome } from './envelope-writer';
import { openStore, preparePlan, removeStoreDirs, sameErrorBodies, shapeKey, tempStoreDir } from './test-dictionary-store';

const T0 = Date.UTC(2026, 0, 5, 10);
const accepted = (plan: EnvelopePlan): Outcome =>
  ({ outcome: 'accepted', status: 200, reason: null, itemCount: plan.itemCount, projectId: plan.projectId });

let bodies: Buffer[] = [];
beforeAll(async () => { bodies = await sameErrorBodies(4); });
afterEach(removeStoreDirs);

describe('bodies deflated before the write (by the prepare worker)', () => {
  it('are stored as given when made with the current dictionary, and the writer asks to teach it otherwise', async () => {
    const db = openStore(tempStoreDir());
    const hints: DictionaryHint[] = [];
    const record = recordEnvelope(db, { onDictionary: (h) => hints.push(h) });
    const plans = await Promise.all(bodies.map((b, i) => preparePlan(b, 1, T0 + i)));
    const key = shapeKey(plans[0]!) ?? '';
    expect(key).not.toBe('');
    record(plans[0]!.request, accepted(plans[0]!), key); // becomes the dictionary
    const dict = bodyDictionaries(db).forKey(1, key)!;
    expect(hints).toEqual([]);

    record(plans[1]!.request, accepted(plans[1]!), key); // deflated here: the worker is told
    expect(hints.map((h) => [h.id, h.crc, h.key])).toEqual([[dict.id, crc32(dict.bytes), key]]);

    // Made by the worker with the current dictionary: stored byte for byte. A stale one (its CRC
    // no longer the row's) is ignored, its junk bytes never stored.
    const good = { dictId: dict.id, crc: dict.crc, data: deflateWithDictionary(bodies[2]!, dict.bytes) };
    const stale = { dictId: dict.id, crc: dict.crc ^ 1, data: Buffer.from('not this') };
    const goodId = record(plans[2]!.request, accepted(plans[2]!), key, good);
    const staleId = record(plans[3]!.request, accepted(plans[3]!), key, stale);
    expect(hints.length).toBe(2); // the stale one was redone here, and the worker told again
    const stored = db.prepare('SELECT body FROM envelopes WHERE id = ?').pluck();
    expect((stored.get(goodId) as Buffer).equals(good.data)).toBe(true);
    expect(envelopeBody(db, goodId)?.equals(bodies[2]!)).toBe(true);
    expect(envelopeBody(db, staleId)?.equals(bodies[3]!)).toBe(true);
    db.close();
  });
});
