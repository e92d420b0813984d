import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBody } from './event-payload';
import type { EnvelopePlan } from '../pipeline/types';
import { bodyDictionaries } from './body-dictionary';
import { encodePayload } from './codec';
import type { DB } from './db';
import { recordEnvelope } from './envelope-writer';
import { MIGRATIONS } from './migrations';
import { pruneBatch } from './retention';
import { openStore, preparePlan, removeStoreDirs, sameErrorBodies, shapeKey, tempStoreDir } from './test-dictionary-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1);
const LIMITS = { maxEvents: 1e9, maxAgeDays: 30, maxBytes: 1e15 };

let bodies: Buffer[] = [];
beforeAll(async () => { bodies = await sameErrorBodies(5); });
afterEach(removeStoreDirs);

async function write(db: DB, body: Buffer, projectId: number, received: number): Promise<{ id: number; plan: EnvelopePlan }> {
  const plan = await preparePlan(body, projectId, received);
  const outcome = { outcome: 'accepted' as const, status: 200, reason: null, itemCount: plan.itemCount, projectId };
  return { id: recordEnvelope(db)(plan.request, outcome, shapeKey(plan)), plan };
}

const dictionaryIds = (db: DB) => db.prepare('SELECT id FROM body_dictionaries ORDER BY id').pluck().all() as number[];

describe('body dictionaries in retention', () => {
  it('deletes a dictionary with the last envelope stored against it and keeps one still needed', async () => {
    const dir = tempStoreDir();
    const db = openStore(dir);
    const old = NOW - 40 * DAY;
    for (const body of bodies.slice(0, 3)) await write(db, body, 1, old);
    await write(db, bodies[3]!, 2, old); // the body project 2's dictionary is made of
    const kept = await write(db, bodies[4]!, 2, NOW - DAY);
    const [dictA, dictB] = dictionaryIds(db);
    const cache = bodyDictionaries(db).cache;
    expect(cache.get(dictA!)).toBeDefined();

    expect(pruneBatch(db, LIMITS, NOW)).toBe(4);
    expect(dictionaryIds(db)).toEqual([dictB]);
    expect(cache.get(dictA!)).toBeUndefined();
    expect(envelopeBody(db, kept.id)?.equals(bodies[4]!)).toBe(true);
    db.close();
    const fresh = openStore(dir);
    expect(envelopeBody(fresh, kept.id)?.equals(bodies[4]!)).toBe(true);

    expect(pruneBatch(fresh, LIMITS, NOW + 60 * DAY)).toBe(1);
    expect(dictionaryIds(fresh)).toEqual([]);
    fresh.close();
  });

  it('finds whether a dictionary is still needed through the partial index, not a scan', () => {
    const db = openStore(tempStoreDir());
    const plan = db.prepare(`EXPLAIN QUERY PLAN DELETE FROM body_dictionaries WHERE id = ?
      AND NOT EXISTS (SELECT 1 FROM envelopes WHERE body_dict = ?)`).all(1, 1) as { detail: string }[];
    const steps = plan.map((p) => p.detail).join('\n');
    expect(steps).toContain('USING COVERING INDEX envelopes_body_dict');
    expect(steps).not.toMatch(/SCAN envelopes/);
    db.close();
  });
});

describe('migration 006', () => {
  it('upgrades a store written before it; its bodies read as before', async () => {
    const dir = tempStoreDir();
    const before = new Database(path.join(dir, 'lookout.db'));
    before.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 5)) {
      before.exec(m.sql);
      before.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'), NOW);
    }
    const packed = encodePayload(bodies[0]!);
    const id = Number(before.prepare(`INSERT INTO envelopes (received, route, method, outcome, status, size, headers, body, body_codec)
      VALUES (?, 'envelope', 'POST', 'accepted', 200, ?, '{}', ?, ?)`).run(NOW, bodies[0]!.length, packed.data, packed.codec).lastInsertRowid);
    before.close();

    const db = openStore(dir);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare('SELECT body_dict FROM envelopes WHERE id = ?').pluck().get(id)).toBeNull();
    expect(envelopeBody(db, id)?.equals(bodies[0]!)).toBe(true);
    const next = await write(db, bodies[1]!, 1, NOW);
    expect(envelopeBody(db, next.id)?.equals(bodies[1]!)).toBe(true);
    db.close();
  });
});
