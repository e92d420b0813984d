import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';
import { startServer } from './server';

test('Settings shows the store on disk, what retention deleted, and compacts it', async ({ page }) => {
  const first = await startServer();
  const node = nodeSender(first.dsn);
  for (let i = 0; i < 5; i++) await captureCheckoutFailure(node, { user: { id: `u${i}` } });
  await node.flush();
  await first.stop();
  // Started again with a lower limit: the start-up run deletes the 3 oldest events and says so.
  const again = await startServer({ dataDir: first.dataDir, args: ['--max-events', '2'] });
  try {
    await page.goto(`${again.url}/#/settings`);
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
  } finally {
    await again.stop();
  }
});
