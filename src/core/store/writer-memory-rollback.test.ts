import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopePlan } from '../pipeline/types';
import type { DB } from './db';
import { deleteAllData } from './delete-all';
import { envelopeBody } from './event-payload';
import { deleteIssues } from './issue-delete';
import { planWriter } from './plan-writer';
import { openStore, preparePlan, removeStoreDirs, sameErrorBodies, tempStoreDir } from './test-dictionary-store';
import { GroupWriter } from './writer';

// What the writer remembers between transactions (a key's body dictionary) or holds until the commit
// (outcome counts) must follow deletes and rollbacks: a stale dictionary id would leave a body unreadable.

let bodies: Buffer[] = [];
beforeAll(async () => { bodies = await sameErrorBodies(5); }); // @sentry/node sending one error 5 times
afterEach(removeStoreDirs);

/** A store written as ingest writes it: deferred plan writer, group commits. */
function ingest() {
  const db = openStore(tempStoreDir());
  const write = planWriter(db, { deferred: true });
  const writer = new GroupWriter(db, 256, { pending: write });
  const plan = (body: Buffer) => preparePlan(body, 1, Date.now());
  const send = async (body: Buffer) => { const p = await plan(body); return writer.submit(() => write(p), { leavesPending: true }); };
  return { db, write, writer, plan, send, close: () => { writer.close(); db.close(); } };
}

const codecOf = (db: DB, id: number) => db.prepare('SELECT body_codec FROM envelopes WHERE id = ?').pluck().get(id) as string;
const dictionaryIds = (db: DB) => db.prepare('SELECT id FROM body_dictionaries ORDER BY id').pluck().all() as number[];

/** Each envelope's body reads back as sent, through the dictionary its codec names, which the table holds. */
function expectReadable(db: DB, sent: { envelopeId: number; body: Buffer }[]): void {
  for (const { envelopeId, body } of sent) {
    expect(envelopeBody(db, envelopeId)?.equals(body)).toBe(true);
    const dict = /^dict:(\d+)$/.exec(codecOf(db, envelopeId));
    if (dict) expect(dictionaryIds(db)).toContain(Number(dict[1]));
  }
}

describe('what the writer remembers across transactions', () => {
  for (const how of ['an issue delete', 'Delete all data'] as const) {
    it(`makes a body dictionary again after ${how} dropped it, and the next bodies read back`, async () => {
      const s = ingest();
      const first = await s.send(bodies[0]!);
      const second = await s.send(bodies[1]!); // its key's dictionary is known now
      const [before] = dictionaryIds(s.db);
      expect(codecOf(s.db, second.envelopeId)).toBe(`dict:${before}`);
      if (how === 'an issue delete') await s.writer.submit(() => deleteIssues(s.db, [first.issues[0]!.issueId]));
      else await s.writer.submit(() => deleteAllData(s.db));
      expect(dictionaryIds(s.db)).toEqual([]);

      const later = [];
      for (const body of bodies.slice(2)) later.push({ envelopeId: (await s.send(body)).envelopeId, body });
      const after = dictionaryIds(s.db);
      expect(after).toHaveLength(1);
      expect(after[0]).toBeGreaterThan(before!);
      expect(later.map((l) => codecOf(s.db, l.envelopeId))).toEqual(later.map(() => `dict:${after[0]}`));
      expectReadable(s.db, later);
      s.close();
    });
  }

  it('forgets a body dictionary made in a transaction that rolled back (its id is handed out again)', async () => {
    const s = ingest();
    const failing = await s.plan(bodies[0]!);
    await expect(s.writer.submit(() => { s.write(failing); throw new Error('the envelope failed'); }, { leavesPending: true }))
      .rejects.toThrow('the envelope failed');
    expect(dictionaryIds(s.db)).toEqual([]);
    const later = [];
    for (const body of bodies.slice(1, 4)) later.push({ envelopeId: (await s.send(body)).envelopeId, body });
    expect(dictionaryIds(s.db)).toHaveLength(1);
    expectReadable(s.db, later);
    s.close();
  });

  it('counts no outcome of a rolled-back transaction: the envelope retried alone counts once', async () => {
    const s = ingest();
    const [good, bad] = await Promise.all([s.plan(bodies[0]!), s.plan(bodies[1]!)]) as [EnvelopePlan, EnvelopePlan];
    // Queued together: one transaction, which the second job fails; the writer then runs each alone.
    const results = await Promise.allSettled([
      s.writer.submit(() => s.write(good), { leavesPending: true }),
      s.writer.submit(() => { s.write(bad); throw new Error('the envelope failed'); }, { leavesPending: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const accepted = () => s.db.prepare("SELECT SUM(quantity) FROM outcome_counts WHERE outcome = 'accepted' AND category = 'error'").pluck().get();
    expect(accepted()).toBe(1);
    expect(s.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    await s.send(bodies[2]!);
    expect(accepted()).toBe(2);
    s.close();
  });
});
