import type { Page } from '@playwright/test';
import type { IssueSummary, Page as ListPage } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { nodeSender, type NodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';

const rows = (page: Page) => page.getByTestId('issue-row');

/** `count` issues titled `${title} <n>`, one fingerprint each; in batches, as the SDK queues at most 64 envelopes. */
async function captureIssues(node: NodeSender, title: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    captureNamedFailure(node, `${title} ${i}`, { fingerprint: [`${title}-${i}`] });
    if (i % 20 === 19) await node.flush();
  }
  await node.flush();
}

test("free text is Sentry's one phrase over the title and message, never a tag value", async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Payment failure 12 in checkout', { fingerprint: ['payment'] });
  captureNamedFailure(node, 'failure 123 at the bank', { fingerprint: ['bank'] });
  captureNamedFailure(node, 'item 12 had a failure', { fingerprint: ['item'], tags: { order: 'failure 12' } });
  captureNamedFailure(node, 'Cache miss', { fingerprint: ['cache'], tags: { note: 'failure 12' } });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-total')).toHaveText('4 issues');

  await page.getByTestId('search-input').fill('failure 12');
  await expect(page.getByTestId('issue-total')).toHaveText('2 issues');
  await expect(rows(page).filter({ hasText: 'Payment failure 12 in checkout' })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: 'failure 123 at the bank' })).toHaveCount(1);
  await expect(rows(page)).toHaveCount(2);
  // Quoted, it is the same phrase; a tag value is reached as key:value.
  await page.getByTestId('search-input').fill('"failure 12"');
  await expect(page).toHaveURL(/query=%22failure(%20|\+)12%22/);
  await expect(rows(page)).toHaveCount(2);
  await page.getByTestId('search-input').fill('note:"failure 12"');
  await expect(page.getByTestId('issue-total')).toHaveText('1 issue');
  await expect(rows(page)).toHaveText([/Cache miss/]);
});

test('selecting all that match a search resolves every one of them, past the 200 loaded rows', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  await captureIssues(node, 'Batch failure', 230);
  captureNamedFailure(node, 'Unrelated outage', { fingerprint: ['unrelated'] });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-total')).toHaveText('231 issues');

  await page.getByTestId('search-input').fill('batch failure');
  await expect(page.getByTestId('issue-total')).toHaveText('230 issues');
  await page.getByTestId('select-all').check();
  // The page is what is loaded (200 rows); the total stays beside the count, and the banner offers the rest.
  await expect(page.getByTestId('selected-count')).toHaveText('200 selected');
  await expect(page.getByTestId('selection-total')).toHaveText('of 230');
  await expect(page.getByTestId('select-all-banner')).toContainText('All 200 issues on this page are selected.');
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('select-all-banner')).toContainText('All 230 issues that match this search are selected.');
  await expect(page.getByTestId('selected-count')).toHaveText('230 selected');
  await expect(page.getByTestId('merge-issues')).toBeDisabled();

  // As Sentry, a change to a whole search is confirmed first, naming the count and the search; its toast offers Undo.
  await page.getByTestId('bulk-resolve').click();
  await expect(page.getByTestId('bulk-status-dialog')).toContainText('Resolve 230 issues matching `batch failure`?');
  await page.getByTestId('bulk-status-dialog-confirm').click();
  const toast = page.getByTestId('toast-success').filter({ hasText: 'Resolved 230 issues' });
  await expect(toast).toBeVisible();
  await expect(page.getByTestId('issues-empty')).toBeVisible();
  const api = async (query: string) => (await (await fetch(`${server.url}/_lookout/api/issues?${query}`)).json()) as ListPage<IssueSummary>;
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Undone: 230 issues back as they were' })).toBeVisible();
  await expect(page.getByTestId('issue-total')).toHaveText('230 issues');
  expect((await api('status=unresolved&limit=500&query=batch%20failure')).total).toBe(230);
  await page.getByTestId('select-all').check();
  await page.getByTestId('select-all-matching').click();
  await page.getByTestId('bulk-resolve').click();
  await page.getByTestId('bulk-status-dialog-confirm').click();
  await expect(page.getByTestId('issues-empty')).toBeVisible();
  expect((await api('status=resolved&limit=500&query=batch%20failure')).total).toBe(230);
  expect((await api('status=unresolved&limit=500')).items.map((i) => i.title)).toEqual(['RangeError: Unrelated outage']);

  // Deleting all that match says how many first, then deletes them all.
  await page.getByTestId('status-filter-resolved').click();
  await expect(page.getByTestId('issue-total')).toHaveText('230 issues');
  await page.getByTestId('select-all').check();
  await page.getByTestId('select-all-matching').click();
  await page.getByTestId('delete-issues').click();
  await expect(page.getByTestId('delete-dialog')).toContainText('Delete 230 issues?');
  await page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete 230 issues' }).click();
  await expect(page.getByText('Deleted 230 issues and 230 events')).toBeVisible();
  expect((await api('status=all&limit=500')).items.map((i) => i.title)).toEqual(['RangeError: Unrelated outage']);
});
