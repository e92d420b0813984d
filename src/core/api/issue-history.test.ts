import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { DB } from '../store/db';
import { openDatabase } from '../store/db';
import { planWriter } from '../store/plan-writer';
import { GroupWriter } from '../store/writer';
import { DAY_MS, HOUR_MS } from '../../shared/api-issue-history';
import { HISTORY_SQL, issueHistoryQueries, USERS_COUNTED_MAX } from './issue-history';
import { issueQueries } from './issue-queries';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/protocol/spotlight/envelope_angular.txt');
/** "Now" of every query: 2026-11-24 10:30 UTC, so today's UTC day is 10.5 hours old. */
const NOW = Date.UTC(2026, 10, 24, 10, 30);
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);

/** The corpus error as event `n`, stamped `timestamp` and sent by `user` (one issue, as all share its stack). */
async function occurrence(n: number, timestamp: number, user: string | null) {
  const id = n.toString(16).padStart(32, '0');
  const body = Buffer.from(readFileSync(CORPUS, 'utf8').replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${id}"`));
  const request = { received: NOW, route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  const plan = await prepareEnvelope(parseEnvelope(body), request, 1, null);
  const ev = plan.items[0];
  if (ev?.type !== 'event') throw new Error('the corpus envelope holds an event');
  ev.timestamp = timestamp;
  ev.userKey = user;
  return plan;
}

// Events on both sides of UTC midnights (23:59 and 00:00), an empty day between, users repeated in a bucket.
const EVENTS: [number, string | null][] = [
  [at(10, 12), 'id:old'], // 14 days before today: outside 14d, inside 30d
  [at(11, 0), 'id:a'], // first day of 14d
  [at(20, 23, 59), 'id:a'], [at(20, 23, 59), 'id:b'], [at(20, 23, 10), null],
  [at(21, 0, 0), 'id:a'], [at(21, 0, 30), 'id:a'],
  // Nov 22 empty.
  [at(23, 11, 5), 'id:c'], [at(23, 23, 0), 'id:c'],
  [at(24, 0, 1), 'id:d'], [at(24, 10, 29), 'id:e'],
];

describe('issue history buckets (real SQLite, events written by the store writer)', () => {
  let dir: string;
  let db: DB;
  let issueId: number;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lookout-history-'));
    ({ db } = openDatabase(dir));
    const write = planWriter(db, { deferred: false });
    const writer = new GroupWriter(db, 256, { pending: write });
    for (const [i, [ts, user]] of EVENTS.entries()) {
      const plan = await occurrence(i + 1, ts, user);
      await writer.submit(() => write(plan));
    }
    writer.close();
    issueId = db.prepare('SELECT id FROM issues').pluck().get() as number;
  });
  afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

  it('counts 14 UTC days ending today, split at UTC midnight, with empty days as zeros', () => {
    const h = issueHistoryQueries(db).history(issueId, '14d', NOW)!;
    expect(h.bucketMs).toBe(DAY_MS);
    expect(h.buckets).toHaveLength(14);
    expect(h.buckets[0]!.start).toBe(at(11, 0));
    expect(h.end).toBe(at(25, 0));
    const byDay = Object.fromEntries(h.buckets.map((b) => [new Date(b.start).toISOString().slice(0, 10), [b.count, b.users]]));
    expect(byDay['2026-11-11']).toEqual([1, 1]);
    expect(byDay['2026-11-20']).toEqual([3, 2]); // 23:59 and 23:10 stay on the 20th; the null user is not a user
    expect(byDay['2026-11-21']).toEqual([2, 1]); // 00:00 starts the 21st; one user twice
    expect(byDay['2026-11-22']).toEqual([0, 0]);
    expect(byDay['2026-11-23']).toEqual([2, 1]);
    expect(byDay['2026-11-24']).toEqual([2, 2]);
    expect(h.buckets.reduce((n, b) => n + b.count, 0)).toBe(EVENTS.length - 1);
    expect(h.usersCounted).toBe(true);
    expect([h.firstSeen, h.lastSeen]).toEqual([at(10, 12), at(24, 10, 29)]);
  });

  it('counts the last 24 hours by the hour, across the day boundary', () => {
    const h = issueHistoryQueries(db).history(issueId, '24h', NOW)!;
    expect(h.bucketMs).toBe(HOUR_MS);
    expect(h.buckets).toHaveLength(24);
    expect(h.buckets[0]!.start).toBe(at(23, 11)); // the hour of 10:30 is the last bucket
    const nonEmpty = h.buckets.filter((b) => b.count > 0).map((b) => [new Date(b.start).toISOString().slice(5, 13), b.count]);
    expect(nonEmpty).toEqual([['11-23T11', 1], ['11-23T23', 1], ['11-24T00', 1], ['11-24T10', 1]]);
  });

  it('takes in older days for 30d and runs from the first day for all', () => {
    const queries = issueHistoryQueries(db);
    const month = queries.history(issueId, '30d', NOW)!;
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets.reduce((n, b) => n + b.count, 0)).toBe(EVENTS.length);
    const all = queries.history(issueId, 'all', NOW)!;
    expect(all.buckets[0]!.start).toBe(at(10, 0));
    expect(all.buckets).toHaveLength(15);
    expect(all.buckets.reduce((n, b) => n + b.count, 0)).toBe(EVENTS.length);
    const week = queries.history(issueId, '7d', NOW)!;
    expect(week.buckets.map((b) => b.count)).toEqual([0, 0, 3, 2, 0, 2, 2]);
    expect(queries.history(issueId + 1000, '7d', NOW)).toBeNull();
  });

  it("gives the list's 14d trend per UTC day for the page's issues only", () => {
    const trend = issueHistoryQueries(db).dailyTrend([issueId, 999_999], NOW);
    expect(trend.get(issueId)).toEqual({ startMs: at(11, 0), counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 0, 2, 2] });
    expect(trend.get(999_999)?.counts).toEqual(new Array(14).fill(0));
    const page = issueQueries(db).list({ status: 'all', trend: '14d' });
    // The list reads the clock: its trend ends today, whatever day the test runs.
    expect(page.items[0]?.dailyTrend).toEqual({ startMs: (Math.floor(Date.now() / DAY_MS) - 13) * DAY_MS, counts: expect.any(Array) });
    expect(page.items[0]?.dailyTrend?.counts).toHaveLength(14);
    expect(issueQueries(db).list({ status: 'all' }).items[0]?.dailyTrend).toBeUndefined();
  });

  it('leaves users out past USERS_COUNTED_MAX events in the period rather than read every event', () => {
    db.prepare('UPDATE issue_hourly SET count = count + ? WHERE issue_id = ? AND hour = ?').run(USERS_COUNTED_MAX, issueId, Math.floor(at(24, 0, 1) / HOUR_MS));
    const h = issueHistoryQueries(db).history(issueId, '14d', NOW)!;
    expect(h.usersCounted).toBe(false);
    expect(h.buckets.every((b) => b.users === undefined)).toBe(true);
    expect(h.buckets.at(-1)!.count).toBe(USERS_COUNTED_MAX + 2);
    db.prepare('UPDATE issue_hourly SET count = count - ? WHERE issue_id = ? AND hour = ?').run(USERS_COUNTED_MAX, issueId, Math.floor(at(24, 0, 1) / HOUR_MS));
  });

  it('reads issue_hourly and events by their keys (query plans)', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ id: 1, ids: '[1,2]', fromHour: 1, hoursPerBucket: 24, bucketMs: DAY_MS, from: 0 }) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(plan(HISTORY_SQL.counts)).toMatch(/SEARCH issue_hourly USING PRIMARY KEY \(issue_id=\? AND hour>\?\)/);
    expect(plan(HISTORY_SQL.daily)).toMatch(/SEARCH issue_hourly USING PRIMARY KEY \(issue_id=\? AND hour>\?\)/);
    expect(plan(HISTORY_SQL.users)).toMatch(/SEARCH events USING INDEX events_issue \(issue_id=\? AND timestamp>\?\)/);
  });
});
