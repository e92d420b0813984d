import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';
import { startServer } from './server';

test('an issue whose oldest events retention deleted says so under its event list', async ({ page }) => {
  const first = await startServer();
  const node = nodeSender(first.dsn);
  for (let i = 0; i < 5; i++) await captureCheckoutFailure(node, { user: { id: `u${i}` } });
  await node.flush();
  await first.stop();
  // Started again with a lower limit: the start-up pass prunes the oldest events.
  const again = await startServer({ dataDir: first.dataDir, args: ['--max-events', '2'] });
  try {
    await page.goto(`${again.url}/#/issues`);
    await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
    await expect(page.getByTestId('detail-count')).toHaveText('5');
    await expect(page.getByTestId('pruned-events')).toContainText(/^\d older events were deleted by retention/);
    const listed = await page.getByTestId('event-list-item').count();
    await expect(page.getByTestId('pruned-events')).toContainText(`${5 - listed} older events`);
  } finally {
    await again.stop();
  }
});
