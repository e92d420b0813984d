/**
 * Performance issues end to end with the real @sentry/node: a request handler that runs one query
 * and then the same parameterised query once per row (an N+1), sent as a transaction event
 * (`traceLifecycle: 'static'`), becomes Sentry's "N+1 Query" issue over the read API; the same
 * code path again joins it, and resolve / regress work as for any issue.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventSummary, IssueDetail, IssueSummary, Page } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { regroupAll } from '../src/core/store/regroup';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { categoryMenuValue } from '../src/renderer/src/lib/category-menu';
import { categoriesAllowed, categoryFilters } from '../src/shared/issue-search-syntax';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  Sentry.init({ dsn: lookout.dsn, tracesSampleRate: 1, defaultIntegrations: false, traceLifecycle: 'static', release: 'blog@1.0.0' });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const QUERY = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';

/** `GET /authors`: the authors, then each author's posts one query at a time, each query `ms` long. */
async function listAuthors(perAuthor: number, ms = 8): Promise<string> {
  let traceId = '';
  await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
    traceId = root.spanContext().traceId;
    await Sentry.startSpan({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db' }, () => sleep(2));
    for (let i = 0; i < perAuthor; i++) await Sentry.startSpan({ name: QUERY, op: 'db' }, () => sleep(ms));
  }));
  expect(await Sentry.flush(5000)).toBe(true);
  return traceId;
}

const api = <T>(path: string, init?: RequestInit) => lookout.api<T>(path, init);
const performanceIssues = async () => (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent('issue.category:performance')}`)).items;
const patch = (id: number, body: object) => api(`issues/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('N+1 queries become performance issues', () => {
  it('10 sequential queries after a source query make an "N+1 Query" issue with its evidence', async () => {
    await listAuthors(10);
    const [issue, ...others] = await performanceIssues();
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ title: 'N+1 Query', culprit: 'GET /authors', type: 'transaction', level: 'info', count: 1,
      issueCategory: 'performance', issueType: 'performance_n_plus_one_db_queries', status: 'unresolved', firstRelease: 'blog@1.0.0' });
    const errorsOnly = (await api<Page<IssueSummary>>(`issues?query=${encodeURIComponent('issue.category:error')}`)).items;
    expect(errorsOnly.map((i) => i.id)).not.toContain(issue!.id);
    // Found by the query too, as the issue's message.
    expect((await api<Page<IssueSummary>>(`issues?query=${encodeURIComponent('message:author_id')}`)).items.map((i) => i.id)).toEqual([issue!.id]);

    const event = await api<EventDetail>(`events/${issue!.latestEventId!}`);
    expect(event).toMatchObject({ kind: 'transaction', issueId: issue!.id, title: 'GET /authors' });
    const spans = (event.payload.spans ?? []) as { span_id: string; description: string }[];
    const repeated = spans.filter((s) => s.description === QUERY).map((s) => s.span_id);
    expect(repeated).toHaveLength(10);
    expect(event.performance).toMatchObject({ title: 'N+1 Query', transactionName: 'GET /authors', parentSpan: 'http.server',
      precedingSpan: 'db - SELECT "authors".* FROM "authors" LIMIT 10',
      numRepeatingSpans: 10, repeatingSpans: `db - ${QUERY}`, offendingSpans: `db - ${QUERY}` });
    expect([...event.performance!.offenderSpanIds].sort()).toEqual([...repeated].sort());
    expect(event.performance!.totalDurationMs).toBeGreaterThanOrEqual(50);

    const detail = await api<IssueDetail>(`issues/${issue!.id}`);
    expect(detail.tags.find((t) => t.key === 'transaction')?.values[0]?.value).toBe('GET /authors');
    const list = await api<Page<EventSummary>>(`issues/${issue!.id}/events`);
    expect(list.items.map((e) => e.eventId)).toEqual([event.eventId]);
  });

  it('the same N+1 again joins the issue; too few queries make none', async () => {
    const [before] = await performanceIssues();
    await listAuthors(7, 10);
    await listAuthors(4);
    const [after, ...others] = await performanceIssues();
    expect(others).toEqual([]);
    expect(after).toMatchObject({ id: before!.id, count: 2 });
  });

  it('resolve, then the N+1 again: the issue regresses', async () => {
    const [issue] = await performanceIssues();
    await patch(issue!.id, { status: 'resolved' });
    await listAuthors(7, 10);
    const [back] = await performanceIssues();
    expect(back).toMatchObject({ id: issue!.id, status: 'unresolved', regressed: true, count: 3 });
  });

  it('lookout regroup keeps the performance issue and its events', async () => {
    const [issue] = await performanceIssues();
    regroupAll(db);
    const [kept, ...others] = await performanceIssues();
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ id: issue!.id, count: 3, title: 'N+1 Query', issueType: 'performance_n_plus_one_db_queries' });
    expect((await api<Page<EventSummary>>(`issues/${issue!.id}/events`)).items).toHaveLength(3);
    await listAuthors(7, 10);
    expect((await performanceIssues())[0]).toMatchObject({ id: issue!.id, count: 4 });
  });

  it('merging it with an error issue is refused, as Sentry refuses it ("Only error issues can be merged.")', async () => {
    const [issue] = await performanceIssues();
    Sentry.captureException(new TypeError('Cannot read properties of undefined (reading "posts")'));
    expect(await Sentry.flush(5000)).toBe(true);
    const errors = (await api<Page<IssueSummary>>(`issues?query=${encodeURIComponent('issue.category:error')}`)).items;
    expect(errors).toHaveLength(1);
    const res = await fetch(`${lookout.url}/_lookout/api/issues?id=${issue!.id}&id=${errors[0]!.id}`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merge: 1 }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Only error issues can be merged.');
    expect((await performanceIssues())[0]).toMatchObject({ id: issue!.id, count: 4, title: 'N+1 Query' });
    expect(await api<IssueDetail>(`issues/${errors[0]!.id}`)).toMatchObject({ id: errors[0]!.id, count: 1, type: 'error' });
  });

  it('the bug report (Markdown and HTML) carries the evidence, as text', async () => {
    const [issue] = await performanceIssues();
    const report = (format: string) => fetch(`${lookout.url}/_lookout/api/issues/${issue!.id}/report?format=${format}&scrub=0`).then((r) => r.text());
    // Unscrubbed, to read the query whole: the default scrubber filters the value after `author_id` (its key holds "auth").
    const md = await report('md');
    expect(md).toContain('# N+1 Query');
    expect(md).toContain('## Performance: N+1 Query');
    expect(md).toMatch(/\| Transaction \| `GET \/authors` \|/);
    expect(md).toMatch(/\| Repeating Spans \| `db - SELECT "posts"\.\* FROM "posts" WHERE "posts"\."author_id" = \$1 \(7 times, [\d.]+ ms in all\)` \|/);
    expect(md).toContain('| Parent Span | `http.server` |');
    // Sentry's "Preceding Span": the query the loop ran after.
    expect(md).toContain('| Preceding Span | `db - SELECT "authors".* FROM "authors" LIMIT 10` |');
    // No error in it, and the transaction had no breadcrumbs: no "Steps before the error" section.
    expect(md).not.toContain('## Steps');
    expect(md).not.toContain('the error');
    const html = await report('html');
    expect(html).toContain('<h2>Performance: N+1 Query</h2>');
    expect(html).not.toContain('id="steps"');
    expect(html).toContain('<td>Offending Spans</td><td><code>db - SELECT &quot;posts&quot;.* FROM &quot;posts&quot; WHERE &quot;posts&quot;.&quot;author_id&quot; = $1</code></td>');
  });

  it('issue.category: in capitals, lists and negations filters the list as its Category menu reads the search', async () => {
    const queries = ['issue.category:[error,performance]', 'issue.category:Performance', 'issue.category:[ERROR]', '!issue.category:error',
      'issue.category:error issue.category:performance', 'issue.category:perf*', 'issue.category:[performance, crons]'];
    for (const query of queries) {
      const items = (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`)).items;
      const found = [...new Set(items.map((i) => i.issueCategory ?? 'error'))].sort();
      const menu = categoryMenuValue(query);
      // This store holds no cron monitor's issue: of the categories a search lets through, errors and performance show.
      const shown = menu === '' || menu === 'some' ? categoriesAllowed(categoryFilters(query)).filter((c) => c !== 'cron') : menu === 'none' ? [] : [menu];
      expect(found, query).toEqual(shown);
    }
  });

  it('a bundle of the issue imports into another Lookout as the same performance issue', async () => {
    const [issue] = await performanceIssues();
    const bundle = await (await fetch(`${lookout.url}/_lookout/api/issues/${issue!.id}/report?format=json`)).arrayBuffer();
    const other = await startTestLookout();
    try {
      const res = await fetch(`${other.url}/_lookout/api/import`, { method: 'POST', body: Buffer.from(bundle),
        headers: { 'content-type': 'application/json', origin: other.url } });
      expect(res.status).toBe(200);
      const [imported, ...rest] = (await other.api<Page<IssueSummary>>('issues?query=issue.category%3Aperformance')).items;
      expect(rest).toEqual([]);
      expect(imported).toMatchObject({ title: 'N+1 Query', culprit: 'GET /authors', issueType: 'performance_n_plus_one_db_queries' });
    } finally {
      await other.stopAndClean();
    }
  });
});

