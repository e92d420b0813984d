import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';
import { startServer } from './server';

/**
 * Five checkout failures from @sentry/node, then the server started again on the same data with
 * `--max-events 2`: its start-up run deletes the 3 oldest events. `check` runs against it.
 */
async function prunedToTwo(check: (url: string) => Promise<void>): Promise<void> {
  const first = await startServer();
  const node = nodeSender(first.dsn);
  for (let i = 0; i < 5; i++) await captureCheckoutFailure(node, { user: { id: `u${i}` } });
  await node.flush();
  await first.stop();
  const again = await startServer({ dataDir: first.dataDir, args: ['--max-events', '2'] });
  try {
    await check(again.url);
  } finally {
    await again.stop();
  }
}

test('an issue whose oldest events retention deleted says so under its event list', async ({ page }) => {
  await prunedToTwo(async (url) => {
    await page.goto(`${url}/#/issues`);
    await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
    await expect(page.getByTestId('detail-count')).toHaveText('5');
    await expect(page.getByTestId('pruned-events')).toContainText(/^\d older events were deleted by retention/);
    const listed = await page.getByTestId('event-list-item').count();
    await expect(page.getByTestId('pruned-events')).toContainText(`${5 - listed} older events`);
  });
});

test('Settings shows the store on disk, what retention deleted, and compacts it', async ({ page }) => {
  await prunedToTwo(async (url) => {
    await page.goto(`${url}/#/settings`);
    const storage = page.getByTestId('storage-settings');
    await expect(storage.getByTestId('storage-events')).toHaveText('2 events');
    await expect(storage.getByTestId('storage-size')).toContainText(/On disk: [\d.]+ (KiB|MiB) \(database [\d.]+ (KiB|MiB), write-ahead log/);
    await expect(storage.getByTestId('retention-runs').locator('li').first())
      .toContainText(/deleted 3 events \(oldest from \d{4}-\d{2}-\d{2}\) to stay under 2 events/);
    // A new store gives space back by itself: no call to compact it, though the button still works.
    await expect(storage.getByTestId('storage-compact-hint')).toHaveCount(0);
    await storage.getByTestId('storage-compact').click();
    await expect(storage.getByTestId('storage-compact-status')).toContainText(/Compacted .* in [\d.]+ s: /);
    await expect(storage.getByTestId('storage-compact')).toBeEnabled();
  });
});
