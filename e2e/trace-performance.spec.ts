import type { TraceDetail } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { POSTS_QUERY, USERS_QUERY, twoNPlusOnesRequest } from './helpers/sentry-node-two-n-plus-ones';

test.describe('a transaction with two performance problems', () => {
  test('its trace lists both issues, marks the transaction, and each issue shows its own problem', async ({ page, server }) => {
    const { traceId, rootSpanId } = await twoNPlusOnesRequest(server.dsn);

    await page.goto(`${server.url}/#/issues`);
    await expect(page.getByTestId('issue-row').filter({ hasText: 'N+1 Query' })).toHaveCount(2);

    await page.goto(`${server.url}/#/traces/${traceId}`);
    const listed = page.getByTestId('trace-performance-issue');
    await expect(listed).toHaveCount(2);
    await expect(listed.filter({ hasText: '"posts"."author_id"' })).toContainText('N+1 Query');
    await expect(listed.filter({ hasText: '"users"."id"' })).toContainText('N+1 Query');
    // The transaction's row (its root span) carries the marker, naming both; each N+1's repeated
    // queries sit in a closed autogroup, which carries its own problem's marker (once, not ×6).
    const transactionRow = page.locator(`[data-testid="trace-span"][data-span-id="${rootSpanId}"]`);
    await expect(transactionRow.getByTestId('span-performance-marker')).toHaveText('Perf ×2');
    const groups = page.getByTestId('span-group');
    await expect(groups).toHaveCount(2);
    for (const query of [POSTS_QUERY, USERS_QUERY]) {
      const group = groups.filter({ hasText: query.replace('$1', '') });
      await expect(group.getByTestId('span-performance-marker')).toHaveText('Perf');
    }
    await expect(page.getByTestId('span-performance-marker')).toHaveCount(3);
    // Each problem is listed at its repeated queries' start, not at the transaction's end: the
    // posts loop runs first (after one 3 ms query), the users loop after it, both before the end.
    const offsetOf = async (text: string) => Number(await listed.filter({ hasText: text }).getByTestId('trace-performance-offset').getAttribute('data-offset-ms'));
    const posts = await offsetOf('"posts"."author_id"');
    const users = await offsetOf('"users"."id"');
    const trace = await (await fetch(`${server.url}/_lookout/api/traces/${traceId}`)).json() as TraceDetail;
    const root = trace.spans.find((s) => s.spanId === rootSpanId);
    expect(posts).toBeLessThan(users);
    expect(users).toBeLessThan((root?.endMs ?? 0) - (root?.startMs ?? 0));
    expect(trace.performanceIssues.every((p) => p.offenderSpanIds.length > 0)).toBe(true);

    // Each link opens its own issue, whose page shows its own problem.
    await listed.filter({ hasText: '"users"."id"' }).click();
    const evidence = page.getByTestId('performance-evidence');
    await expect(evidence.getByTestId('perf-repeating')).toContainText(`db - ${USERS_QUERY} (6 times, `);
    await expect(evidence.getByTestId('perf-preceding')).toHaveText('db - SELECT "comments".* FROM "comments" LIMIT 10');
    await page.goBack();
    await listed.filter({ hasText: '"posts"."author_id"' }).click();
    await expect(evidence.getByTestId('perf-repeating')).toContainText(`db - ${POSTS_QUERY} (6 times, `);
    await expect(evidence.getByTestId('perf-preceding')).toHaveText('db - SELECT "authors".* FROM "authors" LIMIT 10');
  });

  test("the transaction's own page lists its performance issues with their evidence", async ({ page, server }) => {
    const { traceId, rootSpanId } = await twoNPlusOnesRequest(server.dsn);
    await page.goto(`${server.url}/#/traces/${traceId}`);
    await page.locator(`[data-testid="trace-span"][data-span-id="${rootSpanId}"]`).click();
    await page.getByTestId('span-transaction-link').click();

    const problems = page.getByTestId('transaction-problem');
    await expect(problems).toHaveCount(2);
    const users = problems.filter({ hasText: '"users"."id"' });
    await expect(users.getByTestId('perf-repeating')).toContainText(`db - ${USERS_QUERY} (6 times, `);
    await expect(problems.filter({ hasText: '"posts"."author_id"' }).getByTestId('perf-preceding'))
      .toHaveText('db - SELECT "authors".* FROM "authors" LIMIT 10');
    // The waterfall marks the first problem's repeating spans, as an issue's event page does.
    await expect(page.locator('[data-testid="span-row"][data-offender="true"]').first()).toBeVisible();

    // Each entry opens its issue at the problem's event.
    await users.getByRole('link').click();
    await expect(page).toHaveURL(/#\/issues\/\d+\/events\//);
    await expect(page.getByTestId('performance-evidence').getByTestId('perf-repeating')).toContainText(`db - ${USERS_QUERY} (6 times, `);
  });
});
