import { test, expect } from './fixtures';
import { STREAMED_POSTS_QUERY, STREAMED_SLOW_QUERY, streamedRequests } from './helpers/sentry-node-streamed';

test.describe('performance issues of streamed spans (the @sentry/node default)', () => {
  test('an N+1 and a slow query become issues whose pages show the evidence, and the trace lists them', async ({ page, server }) => {
    const { traceId, rootSpanId } = await streamedRequests(server.dsn);

    await page.goto(`${server.url}/#/issues`);
    const nPlusOne = page.getByTestId('issue-row').filter({ hasText: 'N+1 Query' });
    await expect(nPlusOne).toHaveCount(1);
    await expect(nPlusOne.getByTestId('performance-badge')).toHaveText('Performance');
    await expect(nPlusOne.getByTestId('issue-culprit')).toHaveText('GET /authors');
    const slow = page.getByTestId('issue-row').filter({ hasText: 'Slow DB Query' });
    await expect(slow.getByTestId('issue-culprit')).toHaveText('GET /reports');

    await page.goto(`${server.url}/#/traces/${traceId}`);
    const listed = page.getByTestId('trace-performance-issue');
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText('N+1 Query');
    // The segment's root span carries the marker.
    const rootRow = page.locator(`[data-testid="trace-span"][data-span-id="${rootSpanId}"]`);
    await expect(rootRow.getByTestId('span-performance-marker')).toHaveText('Perf');

    await listed.click();
    const evidence = page.getByTestId('performance-evidence');
    await expect(evidence.getByTestId('perf-transaction')).toHaveText('GET /authors');
    await expect(evidence.getByTestId('perf-parent')).toHaveText('http.server');
    await expect(evidence.getByTestId('perf-preceding')).toHaveText('db - SELECT "authors".* FROM "authors" LIMIT 10');
    await expect(evidence.getByTestId('perf-repeating')).toContainText(`db - ${STREAMED_POSTS_QUERY} (8 times, `);
    await expect(page.locator('[data-testid="span-row"][data-offender="true"]')).toHaveCount(8);

    await page.goto(`${server.url}/#/issues`);
    await slow.getByTestId('issue-title').click();
    await expect(evidence.getByTestId('perf-slow-db-query')).toHaveText(STREAMED_SLOW_QUERY);
    await expect(page.locator('[data-testid="span-row"][data-offender="true"]')).toContainText('650.0ms');
  });
});
