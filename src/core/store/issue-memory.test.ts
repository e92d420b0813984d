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

/** The issue's search text holds no tag value its title, culprit or message does not (Sentry's free text, migration 032). */
function expectNoTagValuesSearched(db: ReturnType<typeof openDatabase>['db'], tags: readonly (readonly [string, string])[]): void {
  const searchText = db.prepare('SELECT text FROM issues_fts').pluck().get() as string;
  const issue = db.prepare("SELECT title || ' ' || COALESCE(culprit, '') || ' ' || COALESCE(metadata, '') FROM issues").pluck().get() as string;
  expect(searchText).toContain(db.prepare('SELECT title FROM issues').pluck().get() as string);
  const searched = tags.filter(([, v]) => searchText.includes(v) && !issue.includes(v));
  expect(tags.length).toBeGreaterThan(searched.length);
  expect(searched).toEqual([]);
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

  it('counts every tag of every event, and keeps tag values out of its search text (free text is its title, culprit and message)', async () => {
    const { db, writer, write } = store();
    const plans = [await occurrence(1), await occurrence(2)];
    const tags = plans[0]!.items[0]?.type === 'event' ? plans[0]!.items[0].tags : [];
    expect(tags.length).toBeGreaterThan(3);
    for (const plan of plans) await writer.submit(() => write(plan));
    const counts = db.prepare('SELECT key, value, count FROM issue_tags ORDER BY key, value').all() as { key: string; value: string; count: number }[];
    expect(counts).toEqual([...new Map(tags.map(([k, v]) => [`${k}\0${v}`, { key: k, value: v, count: 2 }])).values()]
      .sort((a, b) => (a.key === b.key ? (a.value < b.value ? -1 : 1) : a.key < b.key ? -1 : 1)));
    expectNoTagValuesSearched(db, tags);
    close(db, writer);
  });

  it('counts an issue\'s tags right after the batch that first counted them rolled back', async () => {
    const { db, writer, write } = store();
    const [first, second] = [await occurrence(1), await occurrence(2)];
    const tags = first.items[0]?.type === 'event' ? first.items[0].tags : [];
    expect(tags.length).toBeGreaterThan(3);
    await expect(writer.submit(() => { write(first); throw new Error('disk trouble'); })).rejects.toThrow('disk trouble');
    await writer.submit(() => write(first));
    await writer.submit(() => write(second));
    expectNoTagValuesSearched(db, tags);
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
