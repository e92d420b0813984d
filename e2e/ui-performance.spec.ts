import { test, expect } from './fixtures';
import { nPlusOneRequest } from './helpers/sentry-node-n-plus-one';
import { nodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';
import { timedRequest } from './helpers/sentry-node-timed-spans';

// Markup in the query shows it is rendered as text: were it HTML, the image's handler would set the flag.
const QUERY = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1 /* <img src=x onerror="window.__perfXss=1"> */';

test("an N+1 query from @sentry/node is a Performance issue whose page shows Sentry's evidence", async ({ page, server }) => {
  await nPlusOneRequest(server.dsn, { query: QUERY, authors: 10, queryMs: 8 });
  await page.goto(`${server.url}/#/issues`);
  const row = page.getByTestId('issue-row').filter({ hasText: 'N+1 Query' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('performance-badge')).toHaveText('Performance');
  await expect(row.getByTestId('issue-culprit')).toHaveText('GET /authors');

  // The category menu narrows the list through Sentry's `issue.category:` search.
  await page.getByTestId('category-filter').selectOption('error');
  await expect(page.getByTestId('issue-row')).toHaveCount(0);
  await page.getByTestId('category-filter').selectOption('performance');
  await expect(page.getByTestId('search-input')).toHaveValue('issue.category:performance');
  await expect(row).toHaveCount(1);

  await row.getByTestId('issue-title').click();
  const evidence = page.getByTestId('performance-evidence');
  await expect(evidence).toContainText('Performance: N+1 Query');
  await expect(evidence.getByTestId('perf-transaction')).toHaveText('GET /authors');
  await expect(evidence.getByTestId('perf-parent')).toHaveText('http.server');
  await expect(evidence.getByTestId('perf-preceding')).toHaveText('db - SELECT "authors".* FROM "authors" LIMIT 10');
  await expect(evidence.getByTestId('perf-repeating')).toContainText(`db - ${QUERY} (10 times, `);
  await expect(evidence.getByTestId('perf-offending')).toHaveText(`db - ${QUERY}`);
  // The repeating spans are the ones marked in the waterfall.
  const marked = page.locator('[data-testid="span-row"][data-offender="true"]');
  await expect(marked).toHaveCount(10);
  await expect(marked.first()).toContainText(QUERY);
  await expect(page.getByTestId('span-row')).toHaveCount(11);
  // As in Sentry, a performance issue offers no similar issues (merging it would be refused).
  await expect(page.locator('.detail-aside')).toBeVisible();
  await expect(page.getByTestId('similar-issues')).toHaveCount(0);
  await expect(page.locator('.perf-evidence img, .spans img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __perfXss?: number }).__perfXss)).toBeUndefined();
});

test('Merge is off, saying why, while a performance issue is picked; the Category menu reads lists and capitals as the server does', async ({ page, server }) => {
  await nPlusOneRequest(server.dsn, { query: 'SELECT * FROM "posts" WHERE "author_id" = $1', authors: 10, queryMs: 8 });
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Cart total was NaN');
  captureNamedFailure(node, 'Inventory service timed out');
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  const rows = page.getByTestId('issue-row');
  await expect(rows).toHaveCount(3);
  const merge = page.getByTestId('merge-issues');

  await rows.filter({ hasText: 'N+1 Query' }).getByTestId('issue-checkbox').check();
  await rows.filter({ hasText: 'Cart total was NaN' }).getByTestId('issue-checkbox').check();
  await expect(merge).toBeDisabled();
  await expect(merge).toHaveAttribute('title', 'Only error issues can be merged: performance issues cannot be.');
  await rows.filter({ hasText: 'Inventory service timed out' }).getByTestId('issue-checkbox').check();
  await expect(merge).toBeDisabled();
  // Two error issues alone can be merged.
  await rows.filter({ hasText: 'N+1 Query' }).getByTestId('issue-checkbox').uncheck();
  await expect(merge).toBeEnabled();
  await expect(merge).not.toHaveAttribute('title');

  const search = page.getByTestId('search-input');
  const category = page.getByTestId('category-filter');
  await search.fill('issue.category:Performance');
  await expect(rows).toHaveCount(1);
  await expect(category).toHaveValue('performance');
  // Two of the three categories (cron monitors' issues are the third): the menu says they come from the search.
  await search.fill('issue.category:[error,performance]');
  await expect(rows).toHaveCount(3);
  await expect(category).toHaveValue('some');
  await search.fill('!issue.category:[performance,cron]');
  await expect(rows).toHaveCount(2);
  await expect(category).toHaveValue('error');
  // Picking from the menu replaces the token, whatever form it had.
  await category.selectOption('performance');
  await expect(search).toHaveValue('issue.category:performance');
  await expect(rows).toHaveCount(1);
});

test.describe("Sentry's other performance detectors (task B)", () => {
  // Markup in the query shows it is rendered as text: were it HTML, the image's handler would set the flag.
  const SLOW = 'SELECT * FROM "reports" WHERE "owner_id" = 7 /* <img src=x onerror="window.__slowXss=1"> */';

  test('a slow query from @sentry/node is a "Slow DB Query" issue, found by its Type, whose page shows Sentry\'s evidence', async ({ page, server }) => {
    await timedRequest(server.dsn, 'GET /reports', [{ op: 'db', name: SLOW, ms: 650 }]);
    const queries = ['SELECT COUNT(*) FROM "users"', 'SELECT COUNT(*) FROM "orders"', 'SELECT SUM("total") FROM "invoices"'];
    await timedRequest(server.dsn, 'GET /dashboard', queries.map((name) => ({ op: 'db', name, ms: 120 })));
    await page.goto(`${server.url}/#/issues`);
    const rows = page.getByTestId('issue-row');
    await expect(rows).toHaveCount(2);

    // The Type menu narrows the list through Sentry's `issue.type:` search.
    await page.getByTestId('type-filter').selectOption('performance_slow_db_query');
    await expect(page.getByTestId('search-input')).toHaveValue('issue.type:performance_slow_db_query');
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId('performance-badge')).toHaveText('Performance');
    await expect(rows.getByTestId('issue-culprit')).toHaveText('GET /reports');
    await rows.getByTestId('issue-title').click();

    const evidence = page.getByTestId('performance-evidence');
    await expect(evidence).toContainText('Performance: Slow DB Query');
    await expect(evidence.getByTestId('perf-transaction')).toHaveText('GET /reports');
    await expect(evidence.getByTestId('perf-slow-db-query')).toHaveText(SLOW);
    await expect(evidence.getByTestId('perf-duration-impact')).toHaveText(/^\d+% \(650ms\/\d+ms\)$/);
    const marked = page.locator('[data-testid="span-row"][data-offender="true"]');
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText('650.0ms');
    await expect(page.locator('.perf-evidence img, .spans img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __slowXss?: number }).__slowXss)).toBeUndefined();

    // Consecutive queries: the parallelizable ones listed and marked, the run they belong to marked as its cause.
    await page.goto(`${server.url}/#/issues`);
    await page.getByTestId('type-filter').selectOption('performance_consecutive_db_queries');
    await expect(rows).toHaveCount(1);
    await rows.getByTestId('issue-title').click();
    await expect(evidence).toContainText('Performance: Consecutive DB Queries');
    await expect(evidence.getByTestId('perf-starting-span')).toHaveText(queries[0]!);
    await expect(evidence.getByTestId('perf-parallelizable-spans')).toHaveText(queries.slice(1).join('\n'));
    await expect(evidence.getByTestId('perf-duration-impact')).toHaveText(/^\d+% \(240ms\/\d+ms\)$/);
    await expect(page.locator('[data-testid="span-row"][data-offender="true"]')).toHaveCount(2);
    await expect(page.locator('[data-testid="span-row"][data-cause="true"]')).toHaveCount(1);
  });
});
