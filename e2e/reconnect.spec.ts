import { test, expect } from './fixtures';
import { startServer } from './server';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureNamedFailure } from './helpers/shop-app';

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

test('a window that was away while an issue was deleted drops its rows when it reconnects', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'kept failure');
  captureNamedFailure(node, 'deleted failure');
  await node.flush();
  await page.goto(`${server.url}/#/stream`);
  const rows = page.getByTestId('stream-row');
  await expect(rows.filter({ hasText: 'deleted failure' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'kept failure' })).toHaveCount(1);

  await server.stop();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'false');
  // Another Lookout on the same data deletes the issue while this window cannot hear of it.
  const other = await startServer({ dataDir: server.dataDir });
  try {
    const found = await (await fetch(`${other.url}/_lookout/api/issues?query=${encodeURIComponent('"deleted failure"')}`)).json() as { items: { id: number }[] };
    expect(found.items).toHaveLength(1);
    expect((await fetch(`${other.url}/_lookout/api/issues/${found.items[0]!.id}`, { method: 'DELETE' })).status).toBe(200);
  } finally {
    await other.stop();
  }

  const again = await startServer({ dataDir: server.dataDir, args: ['--port', String(server.port)] });
  try {
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 20_000 });
    await expect(rows.filter({ hasText: 'deleted failure' })).toHaveCount(0);
    await expect(rows.filter({ hasText: 'kept failure' })).toHaveCount(1);
  } finally {
    await again.stop();
  }
});
