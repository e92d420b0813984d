/**
 * One transaction, two performance problems: a real @sentry/node request handler runs two N+1
 * loops (the posts of each author, then the user of each comment), sent as one transaction event.
 * Sentry files one occurrence per problem, so each makes its own "N+1 Query" issue; the
 * transaction itself stays one transaction (in its trace, the event lists, a resend's dedupe),
 * deleting one issue leaves the other and the transaction, retention prunes a transaction with
 * its problems, and `lookout regroup` (regroupAll) files the problems of transactions stored in no issue.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventSummary, IssueSummary, ItemSummary, Page, TraceDetail } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { regroupAll } from '../src/core/store/regroup';
import { pruneBatch } from '../src/core/store/retention';
import { envelopeBody } from '../src/core/store/event-payload';
import { bumpCacheVersion } from '../src/core/store/cache-versions';
import { splitPerformanceTransactions } from '../src/core/store/occurrence-migration';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  Sentry.init({ dsn: lookout.dsn, tracesSampleRate: 1, defaultIntegrations: false, traceLifecycle: 'static', release: 'blog@3.0.0' });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const POSTS = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';
const USERS = 'SELECT "users".* FROM "users" WHERE "users"."id" = $1';

/** `GET /authors`: the authors, each one's posts a query at a time; then the comments, each one's user a query at a time. */
async function authorsPage(): Promise<string> {
  let traceId = '';
  await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
    traceId = root.spanContext().traceId;
    await Sentry.startSpan({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db' }, () => sleep(2));
    for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: POSTS, op: 'db' }, () => sleep(10));
    await Sentry.startSpan({ name: 'SELECT "comments".* FROM "comments" LIMIT 10', op: 'db' }, () => sleep(2));
    for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: USERS, op: 'db' }, () => sleep(10));
  }));
  expect(await Sentry.flush(5000)).toBe(true);
  return traceId;
}

const api = <T>(path: string) => lookout.api<T>(path);
const performanceIssues = async () =>
  (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent('issue.category:performance')}`)).items.sort((a, b) => a.id - b.id);
const storedEvents = (issueId: number) => db.prepare('SELECT COUNT(*) FROM events WHERE issue_id = ?').pluck().get(issueId) as number;
const transactions = async () => (await api<Page<EventSummary>>('events?type=transaction')).items;
/** The repeating span each issue's event shows, by issue id. */
async function evidenceOf(issues: IssueSummary[]): Promise<Record<number, string | undefined>> {
  const out: Record<number, string | undefined> = {};
  for (const i of issues) out[i.id] = (await api<EventDetail>(`events/${i.latestEventId!}`)).performance?.repeatingSpans;
  return out;
}
/** Every issue's count equals its stored events (nothing pruned in these tests before the retention one). */
async function expectCountsStored(): Promise<void> {
  for (const i of await performanceIssues()) expect(i.count, `issue ${i.id}`).toBe(storedEvents(i.id));
}

let traceId = '';
let transactionId = '';

describe('a transaction with two performance problems', () => {
  it('makes two issues, each counting the transaction once and showing its own problem', async () => {
    traceId = await authorsPage();
    const issues = await performanceIssues();
    expect(issues).toHaveLength(2);
    for (const i of issues) expect(i).toMatchObject({ title: 'N+1 Query', culprit: 'GET /authors', count: 1, issueType: 'performance_n_plus_one_db_queries' });
    await expectCountsStored();
    expect(Object.values(await evidenceOf(issues)).sort()).toEqual([`db - ${POSTS}`, `db - ${USERS}`]);

    // One transaction, wherever transactions are listed.
    const [transaction, ...more] = await transactions();
    expect(more).toEqual([]);
    transactionId = transaction!.eventId;
    expect(transaction).toMatchObject({ issueId: null, traceId, title: 'GET /authors' });
    const all = (await api<Page<EventSummary>>('events')).items.map((e) => e.eventId);
    expect(all).toEqual([transactionId]);
    const items = (await api<Page<ItemSummary>>('items')).items.filter((i) => i.kind === 'transaction');
    expect(items.map((i) => [i.eventId, i.issueId])).toEqual([[transactionId, null]]);
    for (const i of issues) {
      const event = await api<EventDetail>(`events/${i.latestEventId!}`);
      expect(event).toMatchObject({ kind: 'transaction', issueId: i.id, traceId, title: 'GET /authors' });
      expect(event.payload.event_id).toBe(transactionId);
    }

    // The trace lists both issues and ties them to the transaction's root span.
    const trace = await api<TraceDetail>(`traces/${traceId}`);
    const rootSpanId = (await api<EventDetail>(`events/${transactionId}`)).payload.contexts?.trace?.span_id;
    expect(trace.spans.filter((s) => s.transactionEventId === transactionId).length).toBeGreaterThan(12);
    expect(trace.performanceIssues.map((p) => [p.issueId, p.title, p.transactionEventId, p.spanId]).sort())
      .toEqual(issues.map((i) => [i.id, 'N+1 Query', transactionId, rootSpanId]).sort());
    expect(trace.performanceIssues.map((p) => p.value).sort()).toEqual([POSTS.replace('$1', '$%s'), USERS.replace('$1', '$%s')].sort());
  });

  it('a bundle of either issue imports as that issue, its own problem shown', async () => {
    const other = await startTestLookout();
    try {
      for (const issue of await performanceIssues()) {
        const bundle = await (await fetch(`${lookout.url}/_lookout/api/issues/${issue.id}/report?format=json`)).arrayBuffer();
        const res = await fetch(`${other.url}/_lookout/api/import`, { method: 'POST', body: Buffer.from(bundle),
          headers: { 'content-type': 'application/json', origin: other.url } });
        expect(res.status).toBe(200);
        const { issueIds } = await res.json() as { issueIds: number[] };
        expect(issueIds).toHaveLength(1);
        const imported = await other.api<IssueSummary>(`issues/${issueIds[0]!}`);
        // Scrubbed (the `author_id` query holds "auth"), the spans hash apart: the problem is known by its repeating spans.
        const shown = (await other.api<EventDetail>(`events/${imported.latestEventId!}`)).performance?.offenderSpanIds;
        const exported = (await api<EventDetail>(`events/${issue.latestEventId!}`)).performance?.offenderSpanIds;
        expect(shown?.length).toBe(6);
        expect(shown).toEqual(exported);
      }
      // The one transaction brought both problems along, as ingest files them.
      expect((await other.api<Page<IssueSummary>>('issues?query=issue.category%3Aperformance')).items.map((i) => i.count)).toEqual([1, 1]);
    } finally {
      await other.stopAndClean();
    }
  });

  it('sent again, it is a duplicate of the transaction: no issue counts it twice', async () => {
    const envelopeId = db.prepare("SELECT envelope_id FROM events WHERE event_id = ? AND kind = 'transaction'").pluck().get(transactionId) as number;
    const body = envelopeBody(db, envelopeId)!;
    expect((await post(`${lookout.url}/api/1/envelope/`, body, { 'content-type': 'application/x-sentry-envelope' })).status).toBe(200);
    expect((await transactions()).map((t) => [t.eventId, t.duplicates])).toEqual([[transactionId, 1]]);
    expect((await performanceIssues()).map((i) => i.count)).toEqual([1, 1]);
    await expectCountsStored();
  });

  it('lookout regroup keeps both issues, and files the problems of transactions stored in no issue', async () => {
    const before = await performanceIssues();
    regroupAll(db);
    expect((await performanceIssues()).map((i) => [i.id, i.count])).toEqual(before.map((i) => [i.id, 1]));

    // A store from before detection: the transaction in no issue, no performance issue at all.
    db.exec(`DELETE FROM events WHERE kind = 'occurrence'; DELETE FROM issue_hashes WHERE issue_id IN (SELECT id FROM issues WHERE type = 'transaction');
      DELETE FROM issues WHERE type = 'transaction';`);
    bumpCacheVersion(db, 'issues');
    expect(await performanceIssues()).toEqual([]);
    const steps: [number, number][] = [];
    const summary = regroupAll(db, (done, total) => steps.push([done, total]));
    expect(summary).toMatchObject({ events: 1, created: 2 });
    expect(steps).toEqual([[1, 1]]);
    const filed = await performanceIssues();
    expect(filed.map((i) => i.count)).toEqual([1, 1]);
    expect(Object.values(await evidenceOf(filed)).sort()).toEqual([`db - ${POSTS}`, `db - ${USERS}`]);
    await expectCountsStored();
  });

  it('a store written before occurrences (the transaction in its first problem\'s issue) is split by migration 024, then regroup files the second', async () => {
    const [first, second] = await performanceIssues();
    // Rewritten to the old shape: the transaction's row in the first issue, the second problem in none.
    const firstHashes = db.prepare('SELECT hashes FROM events WHERE issue_id = ?').pluck().get(first!.id) as string;
    db.prepare("DELETE FROM events WHERE kind = 'occurrence'").run();
    db.prepare("UPDATE events SET issue_id = ?, grouping_config = 'performance-detection', hashes = ? WHERE event_id = ?").run(first!.id, firstHashes, transactionId);
    db.prepare('UPDATE issues SET latest_event_id = ? WHERE id = ?').run(transactionId, first!.id);
    db.prepare('DELETE FROM issue_hashes WHERE issue_id = ?').run(second!.id);
    db.prepare('DELETE FROM issues WHERE id = ?').run(second!.id);
    db.transaction(() => splitPerformanceTransactions(db))();
    bumpCacheVersion(db, 'issues');
    const [split, ...none] = await performanceIssues();
    expect(none).toEqual([]);
    expect(split).toMatchObject({ id: first!.id, count: 1 });
    expect((await transactions())[0]).toMatchObject({ eventId: transactionId, issueId: null });
    expect(await evidenceOf([split!])).toEqual(await evidenceOf([first!]));

    regroupAll(db);
    const after = await performanceIssues();
    expect(after.map((i) => i.count)).toEqual([1, 1]);
    expect(after[0]!.id).toBe(first!.id);
    await expectCountsStored();
  });

  it('retention prunes an older transaction with its problems and keeps each issue\'s latest', async () => {
    await authorsPage();
    const issues = await performanceIssues();
    expect(issues.map((i) => i.count)).toEqual([2, 2]);
    await expectCountsStored();
    // Over the size limit: every envelope but those holding an issue's latest event goes.
    pruneBatch(db, { maxEvents: 1_000_000, maxAgeDays: 36_500, maxBytes: 0 });
    const left = await transactions();
    expect(left).toHaveLength(1);
    expect(left[0]!.eventId).not.toBe(transactionId);
    const orphans = db.prepare(`SELECT COUNT(*) FROM events o WHERE o.kind = 'occurrence' AND NOT EXISTS (SELECT 1 FROM events t
      WHERE t.envelope_id = o.envelope_id AND t.item_index = o.item_index AND t.kind = 'transaction')`).pluck().get();
    expect(orphans).toBe(0);
    for (const i of await performanceIssues()) {
      expect(i.count).toBe(2);
      expect(storedEvents(i.id)).toBe(1);
      expect((await api<EventDetail>(`events/${i.latestEventId!}`)).payload.event_id).toBe(left[0]!.eventId);
    }
    transactionId = left[0]!.eventId;
    traceId = left[0]!.traceId!;
  });

  it('deleting one issue leaves the other and the transaction in its trace', async () => {
    const [kept, deleted] = await performanceIssues();
    const res = await fetch(`${lookout.url}/_lookout/api/issues/${deleted!.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await performanceIssues()).map((i) => i.id)).toEqual([kept!.id]);
    expect(storedEvents(kept!.id)).toBe(1);
    expect((await api<EventDetail>(`events/${kept!.latestEventId!}`)).performance).toBeDefined();
    expect((await transactions()).map((t) => t.eventId)).toEqual([transactionId]);
    const trace = await api<TraceDetail>(`traces/${traceId}`);
    expect(trace.spans.some((s) => s.transactionEventId === transactionId)).toBe(true);
    expect(trace.performanceIssues.map((p) => p.issueId)).toEqual([kept!.id]);

    expect((await fetch(`${lookout.url}/_lookout/api/issues/${kept!.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await performanceIssues()).toEqual([]);
    const still = await api<TraceDetail>(`traces/${traceId}`);
    expect(still.spans.some((s) => s.transactionEventId === transactionId)).toBe(true);
    expect(still.performanceIssues).toEqual([]);
    expect((await api<EventDetail>(`events/${transactionId}`)).eventId).toBe(transactionId);
  });
});
