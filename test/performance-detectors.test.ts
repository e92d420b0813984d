/**
 * Sentry's slow query, consecutive DB queries and consecutive HTTP detectors on transactions a
 * real @sentry/node sends (`traceLifecycle: 'static'`): each becomes its Sentry issue type over the
 * read API, with Sentry's evidence rows, search by `issue.type:` and a bug report carrying them.
 * The spans get their times from the SDK's own `startTime` / `end(time)`, so no test waits them out.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/instrumentation/custom-instrumentation/
 */
import { createHash } from 'node:crypto';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueSummary, Page } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, tracesSampleRate: 1, defaultIntegrations: false, traceLifecycle: 'static', release: 'shop@4.0.0' });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

interface Step { op: string; name: string; ms: number; gapMs?: number }

/** A request whose spans ran one after another for the given times; returns the span ids in order. */
async function request(name: string, steps: Step[]): Promise<string[]> {
  const total = steps.reduce((n, s) => n + s.ms + (s.gapMs ?? 0), 0);
  let at = Date.now() - total - 50;
  const ids: string[] = [];
  await Sentry.startNewTrace(() => Sentry.startSpan({ name, op: 'http.server', startTime: at - 5 }, () => {
    for (const step of steps) {
      at += step.gapMs ?? 0;
      Sentry.startSpanManual({ name: step.name, op: step.op, startTime: at }, (span) => { ids.push(span.spanContext().spanId); span.end(at + step.ms); });
      at += step.ms;
    }
  }));
  expect(await Sentry.flush(5000)).toBe(true);
  return ids;
}

const api = <T>(path: string) => lookout.api<T>(path);
const issuesOfType = async (slug: string) =>
  (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(`issue.type:${slug}`)}`)).items;
const latestEvent = (issue: IssueSummary) => api<EventDetail>(`events/${issue.latestEventId!}`);
const row = (event: EventDetail, label: string) => event.performance?.rows.find((r) => r.label === label)?.value;

describe("Sentry's other performance detectors on a real @sentry/node app's transactions", () => {
  it('a 650 ms SELECT is a "Slow DB Query" issue showing the query and its duration impact; the same query with another id joins it', async () => {
    const [spanId] = await request('GET /reports', [{ op: 'db', name: 'SELECT * FROM "reports" WHERE "owner_id" = 7', ms: 650 }]);
    const [issue, ...others] = await issuesOfType('performance_slow_db_query');
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ title: 'Slow DB Query', culprit: 'GET /reports', type: 'transaction', level: 'info', count: 1,
      issueCategory: 'performance', issueType: 'performance_slow_db_query' });
    const event = await latestEvent(issue!);
    expect(event.performance).toMatchObject({ title: 'Slow DB Query', offenderSpanIds: [spanId], causeSpanIds: [],
      offendingSpans: 'db - SELECT * FROM "reports" WHERE "owner_id" = 7' });
    expect(row(event, 'Transaction')).toBe('GET /reports');
    expect(row(event, 'Slow DB Query')).toBe('SELECT * FROM "reports" WHERE "owner_id" = 7');
    expect(row(event, 'Duration Impact')).toMatch(/^\d+% \(650ms\/\d+ms\)$/);

    await request('GET /reports', [{ op: 'db', name: 'SELECT * FROM "reports" WHERE "owner_id" = 9', ms: 720 }]);
    await request('GET /reports', [{ op: 'db', name: 'SELECT * FROM "reports" WHERE "owner_id" = 9', ms: 480 }]);
    expect(await issuesOfType('performance_slow_db_query')).toMatchObject([{ id: issue!.id, count: 2 }]);

    const md = await fetch(`${lookout.url}/_lookout/api/issues/${issue!.id}/report?format=md&scrub=0`).then((r) => r.text());
    expect(md).toContain('## Performance: Slow DB Query');
    expect(md).toContain('| Slow DB Query | `SELECT * FROM "reports" WHERE "owner_id" = 9` |');
    expect(md).toMatch(/\| Duration Impact \| `\d+% \(720ms\/\d+ms\)` \|/);
  });

  it('independent queries run one after another are a "Consecutive DB Queries" issue naming the parallelizable ones', async () => {
    const queries = ['SELECT COUNT(*) FROM "users"', 'SELECT COUNT(*) FROM "orders"', 'SELECT SUM("total") FROM "invoices"'];
    const ids = await request('GET /dashboard', queries.map((name) => ({ op: 'db', name, ms: 120 })));
    const [issue, ...others] = await issuesOfType('performance_consecutive_db_queries');
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ title: 'Consecutive DB Queries', culprit: 'GET /dashboard', count: 1 });
    const event = await latestEvent(issue!);
    expect(event.performance).toMatchObject({ causeSpanIds: ids, offenderSpanIds: ids.slice(1) });
    expect(row(event, 'Starting Span')).toBe(queries[0]);
    expect(row(event, 'Parallelizable Spans')).toEqual(queries.slice(1));
    // 360 ms in all, less the longest of the independent (120 ms) and the dependent (120 ms) ones.
    expect(row(event, 'Duration Impact')).toMatch(/^\d+% \(240ms\/\d+ms\)$/);
    // Queries that read what the previous one found (a WHERE with a value) are no such problem.
    await request('GET /dashboard', queries.map((name, i) => ({ op: 'db', name: `${name} WHERE "org_id" = ${i}`, ms: 120 })));
    expect(await issuesOfType('performance_consecutive_db_queries')).toMatchObject([{ id: issue!.id, count: 1 }]);
  });

  it('slow calls to one service one after another are a "Consecutive HTTP" issue fingerprinted by their paths', async () => {
    const paths = ['/api/customers/42', '/api/customers/42/invoices', '/api/customers/42/payments'];
    const ids = await request('GET /invoice', paths.map((p, i) => ({ op: 'http.client', name: `GET http://billing.internal${p}`, ms: 1100, gapMs: i ? 40 : 0 })));
    const [issue, ...others] = await issuesOfType('performance_consecutive_http');
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ title: 'Consecutive HTTP', culprit: 'GET /invoice', count: 1 });
    const event = await latestEvent(issue!);
    const fingerprintPaths = ['/api/customers/*', '/api/customers/*/invoices', '/api/customers/*/payments'].join('-');
    expect(event.performance).toMatchObject({ offenderSpanIds: ids, numRepeatingSpans: 3,
      fingerprint: `1-1009-${createHash('sha1').update(fingerprintPaths).digest('hex')}` });
    expect(row(event, 'Offending Spans')).toEqual(paths.map((p) => `GET http://billing.internal${p}`));
    // Another customer's calls are the same problem.
    await request('GET /invoice', paths.map((p) => ({ op: 'http.client', name: `GET http://billing.internal${p.replace('42', '7')}`, ms: 1050 })));
    expect(await issuesOfType('performance_consecutive_http')).toMatchObject([{ id: issue!.id, count: 2 }]);
  });
});
