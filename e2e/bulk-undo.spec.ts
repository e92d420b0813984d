import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';

const rows = (page: import('@playwright/test').Page) => page.getByTestId('issue-row');
const row = (page: import('@playwright/test').Page, text: string) => rows(page).filter({ hasText: text });

test('Undo of a bulk resolve puts each checked issue back as it was, ignore-until included, both in its activity', async ({ page, server }) => {
  const node = nodeSender(server.dsn, { release: 'undo-shop@1.0.0' });
  captureNamedFailure(node, 'Checkout failed', { fingerprint: ['checkout'] });
  captureNamedFailure(node, 'Payment gateway refused', { fingerprint: ['gateway'] });
  await node.flush();
  await page.goto(`${server.url}/#/issues?status=all`);
  await expect(rows(page)).toHaveCount(2);
  // The gateway issue is ignored until 5 more events; the checkout one is unresolved.
  const gatewayId = Number(await row(page, 'Payment gateway refused').getAttribute('data-issue-id'));
  const ignored = await fetch(`${server.url}/_lookout/api/issues/${gatewayId}`,
    { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ignored', ignoreUntilCount: 5 }) });
  expect(ignored.ok).toBe(true);
  await page.reload();
  await expect(row(page, 'Payment gateway refused').getByTestId('issue-status')).toBeVisible();

  await row(page, 'Checkout failed').getByTestId('issue-checkbox').check();
  await row(page, 'Payment gateway refused').getByTestId('issue-checkbox').check();
  await page.getByTestId('bulk-resolve').click();
  const toast = page.getByTestId('toast-success').filter({ hasText: 'Resolved 2 issues' });
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Undone: 2 issues back as they were' })).toBeVisible();
  const issue = async (id: number) => (await (await fetch(`${server.url}/_lookout/api/issues/${id}`)).json()) as { status: string; ignoreUntilCount: number | null };
  expect(await issue(gatewayId)).toMatchObject({ status: 'ignored', ignoreUntilCount: 6 });
  await expect(row(page, 'Checkout failed').getByTestId('issue-status')).toHaveCount(0);

  await row(page, 'Payment gateway refused').locator('a.issue-main').click();
  const activity = page.getByTestId('activity-entry');
  await expect(activity.first()).toContainText('Ignored until 5 more events');
  await expect(activity.first().getByTestId('activity-undo')).toBeVisible();
  await expect(activity.nth(1)).toContainText('Marked resolved');
});

test('a deleted issue\'s link says it was deleted; one never in this store says so', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Short-lived failure', { fingerprint: ['short'] });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  const id = Number(await row(page, 'Short-lived failure').getAttribute('data-issue-id'));
  expect((await fetch(`${server.url}/_lookout/api/issues/${id}`, { method: 'DELETE' })).ok).toBe(true);
  await page.goto(`${server.url}/#/issues/${id}`);
  await expect(page.getByTestId('detail-error')).toHaveText(`Issue ${id} was deleted, with its events.`);
  await page.goto(`${server.url}/#/issues/9999`);
  await expect(page.getByTestId('detail-error')).toHaveText('Issue 9999 is not in this store: it may have been deleted, or the link comes from another Lookout.');
});
