/**
 * A span item in the Stream is named by its segment: the root span's name, its op, how long the
 * spans ran, how many came, and a link to their trace; live (as it arrives) and after a reload.
 * The spans come from the real @sentry/node SDK, which streams them as span items.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { tracedCheckout } from './helpers/sentry-node-traces';

async function expectSegmentRow(page: Page, traceId: string): Promise<void> {
  const row = page.locator('[data-testid="stream-row"][data-kind="span"]').filter({ hasText: 'GET /checkout' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('stream-row-expand')).toHaveText(/GET \/checkout$/);
  await expect(row.getByTestId('stream-segment-op')).toHaveText('http.server');
  // The checkout waits 15 ms + 5 ms inside its spans, so its extent is at least that.
  await expect(row.getByTestId('stream-segment-duration')).toHaveText(/^\d+(\.\d+)?(ms|s)$/);
  await expect(row.getByTestId('stream-segment')).toContainText('4 spans');
  await expect(row.getByTestId('stream-segment-trace')).toHaveAttribute('href', `#/traces/${traceId}`);
}

test('a span item shows its segment name, op, duration and a link to its trace', async ({ page, server }) => {
  await page.goto(`${server.url}/#/stream`);
  await expect(page.getByTestId('stream-list')).toBeVisible();
  const run = await tracedCheckout(server.dsn);
  await expectSegmentRow(page, run.traceId);
  await page.screenshot({ path: `${process.env.LOOKOUT_UI_SCREENS ?? 'test-results/stream-segments'}/stream-spans.png` });

  await page.reload();
  await page.getByTestId('stream-filter-transactions').click();
  await expectSegmentRow(page, run.traceId);
  await page.locator('[data-testid="stream-row"][data-kind="span"]').filter({ hasText: 'GET /checkout' }).getByTestId('stream-segment-trace').click();
  await expect(page).toHaveURL(new RegExp(`#/traces/${run.traceId}$`));
});
