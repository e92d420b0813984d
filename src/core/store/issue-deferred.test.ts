import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan, PreparedEvent } from '../pipeline/types';
import type { DB } from './db';
import { openDatabase } from './db';
import { planWriter } from './plan-writer';
import { GroupWriter } from './writer';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/protocol/spotlight/envelope_angular.txt');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** The corpus error again as occurrence `n`, with the fields the issue aggregates read varied. */
async function occurrence(n: number, vary: Partial<Pick<PreparedEvent, 'timestamp' | 'level' | 'userKey'>> & { release?: string | null; tag?: string; value?: string } = {}): Promise<EnvelopePlan> {
  const id = n.toString(16).padStart(32, '0');
  const body = Buffer.from(readFileSync(CORPUS, 'utf8').replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${id}"`));
  const request = { received: Date.now(), route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  const plan = await prepareEnvelope(parseEnvelope(body), request, 1, null);
  const ev = plan.items[0];
  if (ev?.type !== 'event') throw new Error('the corpus envelope holds an event');
  if (vary.timestamp !== undefined) ev.timestamp = vary.timestamp;
  if (vary.level !== undefined) ev.level = vary.level;
  if (vary.userKey !== undefined) ev.userKey = vary.userKey;
  if (vary.release !== undefined) ev.facts.release = vary.release;
  if (vary.tag !== undefined) ev.tags.push(['loop', vary.tag]);
  if (vary.value !== undefined) ev.title = { ...ev.title, title: `Error: ${vary.value}`, culprit: `culprit ${vary.value}`, metadata: { ...ev.title.metadata, value: vary.value } };
  return plan;
}

function store(deferred: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-deferred-'));
  dirs.push(dir);
  const { db } = openDatabase(dir);
  const write = planWriter(db, { deferred });
  return { db, write, writer: new GroupWriter(db, 256, { pending: write }) };
}

/** Everything the issue aggregates hold, in a comparable form. */
function aggregates(db: DB) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    issues: all(`SELECT count, users, first_seen, last_seen, latest_event_id, first_release, last_release, level, status, regressed,
      title, culprit, type, metadata FROM issues ORDER BY id`),
    tags: all('SELECT issue_id, key, value, count FROM issue_tags ORDER BY issue_id, key, value'),
    hours: all('SELECT * FROM issue_hourly ORDER BY issue_id, hour'),
    users: all('SELECT * FROM issue_users ORDER BY issue_id, user_key'),
    search: (db.prepare('SELECT text FROM issues_fts ORDER BY rowid').pluck().all() as string[]).map((t) => [...new Set(t.split(' '))].sort()),
  };
}

// Out of order, across hours, with and without releases and users: every CASE of the bump.
const LOOP: Parameters<typeof occurrence>[1][] = [
  { timestamp: 5_000_000, release: 'app@1', userKey: 'id:a', level: 'error', tag: 'x', value: 'first' },
  { timestamp: 9_000_000, release: null, userKey: 'id:b', level: 'warning', tag: 'y', value: 'newest' },
  { timestamp: 2_000_000, release: 'app@0', userKey: 'id:a', level: 'fatal', tag: 'x', value: 'older' },
  { timestamp: 9_000_000, release: 'app@2', userKey: null, level: 'info', tag: 'z', value: 'newest again' },
  { timestamp: 7_200_000, release: 'app@3', userKey: 'id:c', level: 'error', tag: 'y', value: 'late' },
  { timestamp: 1_000, release: null, userKey: 'id:b', level: 'debug', tag: 'w', value: 'oldest' },
];

describe('issue aggregates held back until the commit', () => {
  it('leave an issue exactly as writing each event at once does, when an error loop lands in one transaction', async () => {
    const plans = await Promise.all(LOOP.map((vary, i) => occurrence(i + 1, vary)));
    const oneByOne = store(false);
    for (const plan of plans) await oneByOne.writer.submit(() => oneByOne.write(plan));
    const batched = store(true);
    const results = await Promise.all(plans.map((plan) => batched.writer.submit(() => batched.write(plan), { leavesPending: true })));
    expect(results.map((r) => r.issues[0]?.change)).toEqual(['created', 'updated', 'updated', 'updated', 'updated', 'updated']);
    const expected = aggregates(oneByOne.db);
    // Title, culprit and metadata follow the newest event, as level does (Sentry relabels a group from each new event).
    expect(expected.issues).toEqual([expect.objectContaining({ count: 6, users: 3, first_seen: 1_000, last_seen: 9_000_000,
      level: 'info', title: 'Error: newest again', culprit: 'culprit newest again' })]);
    expect(aggregates(batched.db)).toEqual(expected);
    for (const s of [oneByOne, batched]) { s.writer.close(); s.db.close(); }
  });

  it('are written before any other job of the same transaction, so an issue resolved between two events regresses', async () => {
    const { db, write, writer } = store(true);
    const [first, second] = [await occurrence(1, { timestamp: 1_000 }), await occurrence(2, { timestamp: 2_000 })];
    const jobs = [
      writer.submit(() => write(first!), { leavesPending: true }),
      writer.submit(() => db.prepare("UPDATE issues SET status = 'resolved' WHERE count = 1").run().changes),
      writer.submit(() => write(second!), { leavesPending: true }),
    ];
    const [, resolved, after] = await Promise.all(jobs);
    expect(resolved).toBe(1);
    expect((after as { issues: { change: string }[] }).issues[0]?.change).toBe('regressed');
    expect(db.prepare('SELECT count, status, regressed FROM issues').get()).toEqual({ count: 2, status: 'unresolved', regressed: 1 });
    writer.close();
    db.close();
  });

  it('are forgotten with a transaction that rolls back, and each job retried alone counts once', async () => {
    const { db, write, writer } = store(true);
    const plans = await Promise.all([1, 2, 3, 4].map((n) => occurrence(n, { timestamp: n * 1000, tag: 'same' })));
    const jobs = [
      ...plans.slice(0, 2).map((plan) => writer.submit(() => write(plan), { leavesPending: true })),
      // Fails after its event was counted: what it and the two before it held back must not survive.
      writer.submit(() => { write(plans[3]!); throw new Error('disk trouble'); }, { leavesPending: true }),
      writer.submit(() => write(plans[2]!), { leavesPending: true }),
    ];
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT count, last_seen FROM issues').get()).toEqual({ count: 3, last_seen: 3000 });
    expect(db.prepare("SELECT count FROM issue_tags WHERE key = 'loop'").pluck().get()).toBe(3);
    expect(db.prepare('SELECT SUM(count) FROM issue_hourly').pluck().get()).toBe(3);
    writer.close();
    db.close();
  });

  it.each([
    ['resolved', "status = 'resolved'"],
    ['resolved in the next release', "status = 'resolved_next_release', resolved_release = 'app@1'"],
    ['ignored until two more events', "status = 'ignored', ignore_until_count = count + 2"],
  ])('reopen an issue %s as writing each event at once does, when its next events share a transaction', async (_name, status) => {
    const first = await occurrence(1, { timestamp: 1_000, release: 'app@1' });
    const next = await Promise.all([2, 3, 4, 5].map((n) => occurrence(n, { timestamp: n * 1000, release: n < 4 ? 'app@1' : 'app@2', tag: String(n) })));
    const oneByOne = store(false);
    const batched = store(true);
    for (const s of [oneByOne, batched]) {
      await s.writer.submit(() => s.write(first), { leavesPending: true });
      s.db.exec(`UPDATE issues SET ${status}`);
    }
    const expected = [];
    for (const plan of next) expected.push((await oneByOne.writer.submit(() => oneByOne.write(plan))).issues[0]?.change);
    const changes = (await Promise.all(next.map((plan) => batched.writer.submit(() => batched.write(plan), { leavesPending: true }))))
      .map((r) => r.issues[0]?.change);
    expect(changes).toEqual(expected);
    expect(aggregates(batched.db)).toEqual(aggregates(oneByOne.db));
    for (const s of [oneByOne, batched]) { s.writer.close(); s.db.close(); }
  });

  it('fill an issue\'s search text as far as writing each event at once does, when a transaction brings many new labels (never tag values)', async () => {
    const { db, write, writer } = store(true);
    const plans = await Promise.all(Array.from({ length: 300 }, (_, i) => occurrence(i + 1, {
      tag: `tag-${String(i).padStart(14, '0')}`, value: `value-${String(i).padStart(14, '0')}` })));
    await Promise.all(plans.map((plan) => writer.submit(() => write(plan), { leavesPending: true })));
    const text = db.prepare('SELECT text FROM issues_fts').pluck().get() as string;
    // Appends stop once the text reaches 4,000 characters; one append carries at most 2,000.
    expect(text.length).toBeGreaterThanOrEqual(4000);
    expect(text.length).toBeLessThan(6200);
    expect(text).toContain('value-00000000000000');
    // Sentry's free text is the title, culprit and message (migration 032): tags are searched as `key:value`.
    expect(text).not.toContain('tag-0');
    expect(db.prepare("SELECT COUNT(*) FROM issue_tags WHERE key = 'loop'").pluck().get()).toBe(300);
    writer.close();
    db.close();
  });
});
