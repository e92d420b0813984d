import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan } from '../pipeline/types';
import { openDatabase } from './db';
import { planWriter } from './plan-writer';
import { GroupWriter } from './writer';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/protocol/spotlight/envelope_angular.txt');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** The corpus envelope again under a new event id, as a second occurrence of the same error. */
async function occurrence(n: number): Promise<EnvelopePlan> {
  const id = n.toString(16).padStart(32, '0');
  const text = readFileSync(CORPUS, 'utf8').replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${id}"`);
  const body = Buffer.from(text);
  const request = { received: Date.now(), route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  return prepareEnvelope(parseEnvelope(body), request, 1, null);
}

/** A real store file with the ingest writer on it. */
function store() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-memory-'));
  dirs.push(dir);
  const { db } = openDatabase(dir);
  return { db, writer: new GroupWriter(db), write: planWriter(db) };
}

function close(db: { close(): unknown }, writer: GroupWriter): void {
  writer.close();
  db.close();
}

describe('what the issue writer remembers', () => {
  it('forgets an issue created in a transaction that rolled back', async () => {
    const { db, writer, write } = store();
    const [first, second] = [await occurrence(1), await occurrence(2)];
    await expect(writer.submit(() => { write(first); throw new Error('disk trouble'); })).rejects.toThrow('disk trouble');
    expect(db.prepare('SELECT COUNT(*) FROM issues').pluck().get()).toBe(0);
    const again = await writer.submit(() => write(first));
    const next = await writer.submit(() => write(second));
    expect(again.issues[0]?.change).toBe('created');
    expect(next.issues[0]).toEqual({ issueId: again.issues[0]?.issueId, change: 'updated' });
    expect(db.prepare('SELECT count FROM issues').pluck().all()).toEqual([2]);
    close(db, writer);
  });

  it('counts every tag of every event, and puts values new to the issue into its search text', async () => {
    const { db, writer, write } = store();
    const plans = [await occurrence(1), await occurrence(2)];
    const tags = plans[0]!.items[0]?.type === 'event' ? plans[0]!.items[0].tags : [];
    expect(tags.length).toBeGreaterThan(3);
    for (const plan of plans) await writer.submit(() => write(plan));
    const counts = db.prepare('SELECT key, value, count FROM issue_tags ORDER BY key, value').all() as { key: string; value: string; count: number }[];
    expect(counts).toEqual([...new Map(tags.map(([k, v]) => [`${k}\0${v}`, { key: k, value: v, count: 2 }])).values()]
      .sort((a, b) => (a.key === b.key ? (a.value < b.value ? -1 : 1) : a.key < b.key ? -1 : 1)));
    const searchText = db.prepare('SELECT text FROM issues_fts').pluck().get() as string;
    for (const [, v] of tags) expect(searchText).toContain(v);
    close(db, writer);
  });

  it('puts an issue\'s tag values into its search text again after the batch that first counted them rolled back', async () => {
    const { db, writer, write } = store();
    const [first, second] = [await occurrence(1), await occurrence(2)];
    const tags = first.items[0]?.type === 'event' ? first.items[0].tags : [];
    expect(tags.length).toBeGreaterThan(3);
    await expect(writer.submit(() => { write(first); throw new Error('disk trouble'); })).rejects.toThrow('disk trouble');
    await writer.submit(() => write(first));
    await writer.submit(() => write(second));
    const searchText = db.prepare('SELECT text FROM issues_fts').pluck().get() as string;
    for (const [, v] of tags) expect(searchText).toContain(v);
    expect(db.prepare('SELECT DISTINCT count FROM issue_tags').pluck().all()).toEqual([2]);
    close(db, writer);
  });

  it('keeps first and last seen right when an older event arrives after a newer one', async () => {
    const { db, writer, write } = store();
    const at = async (n: number, timestamp: number) => {
      const plan = await occurrence(n);
      const item = plan.items[0];
      if (item?.type !== 'event') throw new Error('the corpus envelope holds an event');
      item.timestamp = timestamp;
      return plan;
    };
    for (const [n, ts] of [[1, 5_000], [2, 9_000], [3, 2_000], [4, 7_000]] as const) {
      const plan = await at(n, ts);
      await writer.submit(() => write(plan));
    }
    expect(db.prepare('SELECT first_seen, last_seen, count, latest_event_id FROM issues').get()).toEqual({
      first_seen: 2_000, last_seen: 9_000, count: 4, latest_event_id: (2).toString(16).padStart(32, '0'),
    });
    close(db, writer);
  });
});
