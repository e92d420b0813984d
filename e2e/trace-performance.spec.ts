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
    // The transaction's row (its root span) carries the marker, naming both.
    const transactionRow = page.locator(`[data-testid="trace-span"][data-span-id="${rootSpanId}"]`);
    await expect(transactionRow.getByTestId('span-performance-marker')).toHaveText('Perf ×2');
    await expect(page.getByTestId('span-performance-marker')).toHaveCount(1);

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
});
