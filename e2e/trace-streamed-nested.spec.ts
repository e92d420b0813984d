import { test, expect } from './fixtures';
import { CHECKOUT_ERROR, NESTED_ITEMS_QUERY, ORPHAN_PARENT_SPAN, streamedHttpOrders } from './helpers/sentry-node-streamed';

test.describe('a request streamed by @sentry/node with its own Http integration', () => {
  test('an N+1 under a child span is an issue named by its route; an orphan root says its parent was not received', async ({ page, server }) => {
    const { ordersTraceId, orphanTraceId } = await streamedHttpOrders(server.dsn);

    // The queries came before their `load orders` parent and the root last: found all the same, on the request's name.
    await page.goto(`${server.url}/#/issues`);
    const nPlusOne = page.getByTestId('issue-row').filter({ hasText: 'N+1 Query' });
    await expect(nPlusOne).toHaveCount(1);
    await expect(nPlusOne.getByTestId('issue-culprit')).toHaveText('GET /api/orders');

    await page.goto(`${server.url}/#/traces`);
    const orders = page.locator(`[data-testid="trace-row"][data-trace-id="${ordersTraceId}"]`);
    await expect(orders.locator('strong')).toHaveText('GET /api/orders');
    const orphanRow = page.locator(`[data-testid="trace-row"][data-trace-id="${orphanTraceId}"]`);
    await expect(orphanRow.locator('strong')).toHaveText('POST /api/checkout');
    await expect(orphanRow.getByTestId('trace-row-no-root')).toHaveText('· parent span not received');

    await page.goto(`${server.url}/#/traces/${ordersTraceId}`);
    await expect(page.getByTestId('trace-title')).toHaveText('http.server · GET /api/orders');
    await expect(page).toHaveTitle(/^http\.server · GET \/api\/orders/);
    await expect(page.getByTestId('trace-performance-issue')).toContainText('N+1 Query');
    await expect(page.getByTestId('trace-orphan-note')).toHaveCount(0);
    await page.getByTestId('trace-performance-issue').click();
    await expect(page.getByTestId('performance-evidence').getByTestId('perf-parent')).toHaveText('function - load orders');
    await expect(page.getByTestId('performance-evidence').getByTestId('perf-repeating')).toContainText(`db - ${NESTED_ITEMS_QUERY} (7 times, `);

    await page.goto(`${server.url}/#/traces/${orphanTraceId}`);
    const note = page.getByTestId('trace-orphan-note');
    await expect(note).toContainText('Missing instrumentation');
    await expect(note).toContainText(`the parent span ${ORPHAN_PARENT_SPAN} of`);
    await expect(note).not.toContainText('yet');
  });

  test('the issue page previews the error path through its trace; a span\'s details open in view and Esc closes them, focus on its row', async ({ page, server }) => {
    const { orphanTraceId } = await streamedHttpOrders(server.dsn);
    await page.goto(`${server.url}/#/issues`);
    await page.getByTestId('issue-row').filter({ hasText: CHECKOUT_ERROR }).getByTestId('issue-title').click();
    const steps = page.getByTestId('trace-preview-step');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toContainText('http.server POST /api/checkout');
    await expect(steps.nth(1)).toContainText('function price cart');
    await expect(steps.nth(1)).toContainText('← this event');
    await steps.nth(0).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`#/traces/${orphanTraceId}\\?span=`));

    // A short window: the details below the waterfall start out of sight.
    await page.setViewportSize({ width: 1100, height: 420 });
    const row = page.locator('[data-testid="trace-span"]').filter({ hasText: 'SELECT price FROM products' });
    await row.click();
    const heading = page.getByTestId('span-details').locator('h3');
    await expect(heading).toBeInViewport();
    // Focus stays on the row: ↑/↓ go on through the waterfall.
    await expect(row).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('span-details')).toHaveCount(0);
    await expect(row).toBeFocused();
  });
});
