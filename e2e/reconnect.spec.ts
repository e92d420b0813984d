import { test, expect } from './fixtures';
import { startServer } from './server';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';

test('a page opened while the server is down says so, and loads by itself once the server is back', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  const eventId = await captureCheckoutFailure(node, { user: { id: 'u1' } });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  const issueId = await page.getByTestId('issue-row').first().getAttribute('data-issue-id');
  const issueHref = `#/issues/${issueId}`;

  await server.stop();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'false');
  // Down for a few seconds: a banner says so, which narrow windows (where the sidebar's word is hidden) need too.
  await expect(page.getByTestId('connection-lost')).toContainText('Lost the connection to the Lookout server');
  await page.evaluate((href) => { location.hash = href; }, issueHref);
  await expect(page.getByRole('alert').filter({ hasText: 'server is not reachable' })).toBeVisible();

  const again = await startServer({ dataDir: server.dataDir, args: ['--port', String(server.port)] });
  try {
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 20_000 });
    // No click, no reload: the failed view loads again when the live stream reconnects.
    await expect(page.getByTestId('event-title')).toContainText('Checkout failed for cart');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(page.url()).toContain(issueHref);
    await expect(page.getByTestId('event-id')).toContainText(eventId.slice(0, 8));
  } finally {
    await again.stop();
  }
});
