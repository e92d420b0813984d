/**
 * Performance issues of streamed spans: @sentry/node 11 sends a request's spans as span v2 items
 * (`traceLifecycle: 'stream'`, its default), not as a transaction event. A real request handler
 * with an N+1 or a slow query makes its issue as the same handler sent as a transaction does (the
 * same fingerprint: it joins the same issue), a resent envelope counts nothing twice, a segment
 * whose spans came in two envelopes (the SDK flushes a trace at 1,000 spans) and one whose spans
 * ended after their root are detected whole from the store, and `lookout regroup` files them again.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueSummary, Page, TraceDetail } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { envelopeBody } from '../src/core/store/event-payload';
import { regroupAll } from '../src/core/store/regroup';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  // No `traceLifecycle`: streaming is the SDK's default.
  Sentry.init({ dsn: lookout.dsn, tracesSampleRate: 1, defaultIntegrations: false, release: 'blog@4.0.0' });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const AUTHORS = 'SELECT "authors".* FROM "authors" LIMIT 10';
const POSTS = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';
const ORDERS = 'SELECT "orders".* FROM "orders" WHERE "orders"."customer_id" = $1';

const api = <T>(path: string) => lookout.api<T>(path);
const issuesOf = async (query: string) =>
  (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`)).items.sort((a, b) => a.id - b.id);
const storedEvents = (issueId: number) => db.prepare('SELECT COUNT(*) FROM events WHERE issue_id = ?').pluck().get(issueId) as number;
async function expectCountsStored(): Promise<void> {
  for (const i of await issuesOf('issue.category:performance')) expect(i.count, `issue ${i.id}`).toBe(storedEvents(i.id));
}
/** Polls until `read` gives a value `done` accepts (detection from the store runs after a quiet second). */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `GET /authors` of a real app: the authors, then each one's posts a query at a time. */
async function authorsPage(spanFiller = 0): Promise<{ traceId: string; rootSpanId: string }> {
  const out = { traceId: '', rootSpanId: '' };
  await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
    out.traceId = root.spanContext().traceId;
    out.rootSpanId = root.spanContext().spanId;
    for (let i = 0; i < spanFiller; i++) Sentry.startSpan({ name: `render ${i}`, op: 'function' }, () => undefined);
    await Sentry.startSpan({ name: AUTHORS, op: 'db' }, () => sleep(2));
    for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: POSTS, op: 'db' }, () => sleep(10));
  }));
  expect(await Sentry.flush(5000)).toBe(true);
  return out;
}

describe('span streaming (the SDK default)', () => {
  let first: { traceId: string; rootSpanId: string };

  it('an N+1 in a streamed request makes an N+1 Query issue, its evidence and trace as a transaction\'s', async () => {
    first = await authorsPage();
    const [issue, ...more] = await issuesOf('issue.category:performance');
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ title: 'N+1 Query', culprit: 'GET /authors', count: 1, issueType: 'performance_n_plus_one_db_queries' });
    const event = await api<EventDetail>(`events/${issue!.latestEventId!}`);
    expect(event).toMatchObject({ kind: 'transaction', issueId: issue!.id, traceId: first.traceId });
    expect(event.performance?.repeatingSpans).toBe(`db - ${POSTS}`);
    expect(event.performance?.precedingSpan).toBe(`db - ${AUTHORS}`);
    expect(event.performance?.offenderSpanIds).toHaveLength(6);
    expect(event.payload).toMatchObject({ transaction: 'GET /authors', release: 'blog@4.0.0', contexts: { trace: { span_id: first.rootSpanId } } });

    const trace = await api<TraceDetail>(`traces/${first.traceId}`);
    expect(trace.performanceIssues.map((p) => [p.issueId, p.title, p.spanId])).toEqual([[issue!.id, 'N+1 Query', first.rootSpanId]]);
    await expectCountsStored();

    // The bug report carries the evidence, read from the segment's stored event.
    const md = await fetch(`${lookout.url}/_lookout/api/issues/${issue!.id}/report?format=md&scrub=0`).then((r) => r.text());
    expect(md).toContain('| Transaction | `GET /authors` |');
    expect(md).toMatch(/\| Repeating Spans \| `db - SELECT "posts"\.\* FROM "posts" WHERE "posts"\."author_id" = \$1 \(6 times, [\d.]+ ms in all\)` \|/);

    // Its bundle imports into another Lookout as that issue, from the span item it carries.
    const other = await startTestLookout();
    try {
      const bundle = await (await fetch(`${lookout.url}/_lookout/api/issues/${issue!.id}/report?format=json`)).arrayBuffer();
      const res = await fetch(`${other.url}/_lookout/api/import`, { method: 'POST', body: Buffer.from(bundle),
        headers: { 'content-type': 'application/json', origin: other.url } });
      expect(res.status).toBe(200);
      const { issueIds } = await res.json() as { issueIds: number[] };
      expect(issueIds).toHaveLength(1);
      expect(await other.api<IssueSummary>(`issues/${issueIds[0]!}`)).toMatchObject({ title: 'N+1 Query', culprit: 'GET /authors', count: 1 });
    } finally {
      await other.stopAndClean();
    }
  });

  it('sent again, the span envelope counts in no issue twice', async () => {
    const envelopeId = db.prepare('SELECT envelope_id FROM span_segments WHERE segment_id = ? AND has_root = 1').pluck().get(first.rootSpanId) as number;
    const res = await post(`${lookout.url}/api/1/envelope/`, envelopeBody(db, envelopeId)!, { 'content-type': 'application/x-sentry-envelope' });
    expect(res.status).toBe(200);
    // The resend is stored (its part row is there) before its answer; a re-detection would be queued by it.
    expect(db.prepare('SELECT COUNT(*) FROM span_segments WHERE segment_id = ?').pluck().get(first.rootSpanId)).toBe(2);
    expect((await issuesOf('issue.category:performance')).map((i) => i.count)).toEqual([1]);
    await expectCountsStored();
  });

  it('a segment of more than 1,000 spans comes in two envelopes; its N+1 is found in the whole', async () => {
    // 994 spans, the authors and 5 posts fill the SDK's first envelope; the last post and the root follow.
    const split = await authorsPage(994);
    // The SDK sends both at once: either may be stored first (the smaller, with the root, often is).
    const parts = db.prepare('SELECT span_count, has_root FROM span_segments WHERE segment_id = ? ORDER BY has_root').all(split.rootSpanId);
    expect(parts).toEqual([{ span_count: 1000, has_root: 0 }, { span_count: 2, has_root: 1 }]);
    const issues = await until(() => issuesOf('issue.category:performance'), (list) => list[0]?.count === 2);
    expect(issues.map((i) => i.count)).toEqual([2]);
    const trace = await api<TraceDetail>(`traces/${split.traceId}`);
    expect(trace.performanceIssues.map((p) => p.spanId)).toEqual([split.rootSpanId]);
    const event = await api<EventDetail>(`events/${trace.performanceIssues[0]!.eventId}`);
    expect(event.performance?.offenderSpanIds).toHaveLength(6);
    await expectCountsStored();
  });

  it('spans that end after their root come later and join its segment', async () => {
    let traceId = '';
    let rootSpanId = '';
    const late: Promise<void>[] = [];
    await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'POST /invoices', op: 'http.server' }, async (root) => {
      traceId = root.spanContext().traceId;
      rootSpanId = root.spanContext().spanId;
      await Sentry.startSpan({ name: 'SELECT "customers".* FROM "customers" LIMIT 10', op: 'db' }, () => sleep(2));
      // Work the handler does not wait for: its queries end after the response.
      late.push((async () => {
        await sleep(30);
        for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: ORDERS, op: 'db' }, () => sleep(10));
      })());
    }));
    expect(await Sentry.flush(5000)).toBe(true);
    expect(await issuesOf('POST /invoices')).toEqual([]);
    await Promise.all(late);
    expect(await Sentry.flush(5000)).toBe(true);
    const parts = db.prepare('SELECT has_root FROM span_segments WHERE trace_id = ? ORDER BY id').pluck().all(traceId);
    expect(parts).toEqual([1, 0]);
    const [issue] = await until(() => issuesOf('POST /invoices'), (list) => list.length > 0);
    expect(issue).toMatchObject({ title: 'N+1 Query', culprit: 'POST /invoices', count: 1 });
    const trace = await api<TraceDetail>(`traces/${traceId}`);
    expect(trace.performanceIssues.map((p) => p.spanId)).toEqual([rootSpanId]);
    await expectCountsStored();
  });

  it('a slow query in a streamed request makes a Slow DB Query issue', async () => {
    const at = Date.now() - 1000;
    await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /report', op: 'http.server', startTime: at }, () => {
      Sentry.startSpanManual({ name: 'SELECT * FROM "sales" WHERE "year" = 2024', op: 'db', startTime: at + 5 }, (span) => span.end(at + 655));
    }));
    expect(await Sentry.flush(5000)).toBe(true);
    const [issue, ...more] = await issuesOf('issue.type:performance_slow_db_query');
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ title: 'Slow DB Query', culprit: 'GET /report', count: 1 });
    const event = await api<EventDetail>(`events/${issue!.latestEventId!}`);
    expect(event.performance?.rows.map((r) => r.label)).toContain('Slow DB Query');
  });

  it('the same request sent as a transaction joins the same issue', async () => {
    const before = await issuesOf('GET /authors');
    await Sentry.close(2000);
    Sentry.init({ dsn: lookout.dsn, tracesSampleRate: 1, defaultIntegrations: false, release: 'blog@4.0.0', traceLifecycle: 'static' });
    await authorsPage();
    const after = await issuesOf('GET /authors');
    expect(after.map((i) => [i.id, i.count])).toEqual(before.map((i) => [i.id, i.count + 1]));
    await expectCountsStored();
  });

  it('lookout regroup detects the stored segments again and keeps every count', async () => {
    const before = (await issuesOf('issue.category:performance')).map((i) => [i.id, i.title, i.count]);
    regroupAll(db);
    expect((await issuesOf('issue.category:performance')).map((i) => [i.id, i.title, i.count])).toEqual(before);
    // A store from before segments were detected (no part rows, no problem rows): regroup reads its span items and files them.
    db.exec(`DELETE FROM events WHERE kind = 'occurrence'; DELETE FROM issue_hashes WHERE issue_id IN (SELECT id FROM issues WHERE type = 'transaction');
      DELETE FROM issues WHERE type = 'transaction'; DELETE FROM span_segments;`);
    const steps: [number, number][] = [];
    regroupAll(db, (done, total) => steps.push([done, total]));
    expect(steps.at(-1)).toEqual([steps.at(-1)![1], steps.at(-1)![1]]);
    const filed = await issuesOf('issue.category:performance');
    expect(filed.map((i) => [i.title, i.count])).toEqual(before.map(([, title, count]) => [title, count]));
    await expectCountsStored();
  });
});
