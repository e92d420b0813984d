import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureNamedFailure } from './helpers/shop-app';

const rows = (page: Page) => page.getByTestId('issue-row');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });

test('merge puts issues into the one with the most events; a window on a merged issue moves to it, so does its old link; unmerge undoes it', async ({ page, context, server }) => {
  const node = nodeSender(server.dsn);
  await captureCheckoutFailure(node);
  await captureCheckoutFailure(node);
  captureNamedFailure(node, 'Cart total was NaN');
  captureNamedFailure(node, 'Inventory service timed out');
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);
  const nanId = await row(page, 'Cart total was NaN').getAttribute('data-issue-id');

  // A second window shows the issue about to be merged away.
  const other = await context.newPage();
  await other.goto(`${server.url}/#/issues/${nanId}`);
  await expect(other.getByTestId('issue-detail-title')).toContainText('Cart total was NaN');

  await row(page, 'Cart total was NaN').getByTestId('issue-checkbox').check();
  await expect(page.getByTestId('merge-issues')).toBeDisabled();
  await row(page, 'Checkout failed').getByTestId('issue-checkbox').check();
  await page.getByTestId('merge-issues').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Merge 2 issues?');
  await expect(dialog).toContainText('Checkout failed');
  await page.getByTestId('merge-dialog-confirm').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: /Merged 2 issues into #\d+ \(1 event moved\)/ })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, 'Checkout failed').getByTestId('issue-count')).toHaveText('3');

  // The other window is taken to the issue it joined, by the live stream.
  await expect(other.getByTestId('issue-detail-title')).toContainText('Checkout failed');
  const parentId = await row(page, 'Checkout failed').getAttribute('data-issue-id');
  await expect(other).toHaveURL(new RegExp(`#/issues/${parentId}$`));
  await other.close();

  // An old link to the merged issue opens the one it joined.
  await page.goto(`${server.url}/#/issues/${nanId}`);
  await expect(page).toHaveURL(new RegExp(`#/issues/${parentId}$`));
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed');

  // The issue lists what was merged into it; Unmerge moves those events to a new issue and opens it.
  const merged = page.getByTestId('merged-group');
  await expect(merged).toHaveCount(1);
  await expect(merged).toContainText(`#${nanId} · RangeError: Cart total was NaN`);
  await expect(merged).toContainText('1 event');
  await merged.getByTestId('unmerge').click();
  await page.getByTestId('unmerge-dialog-confirm').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: /Unmerged 1 event into issue #\d+/ })).toBeVisible();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Cart total was NaN');
  await expect(page).not.toHaveURL(new RegExp(`#/issues/${parentId}$`));
  await page.goto(`${server.url}/#/issues`);
  await expect(row(page, 'Checkout failed').getByTestId('issue-count')).toHaveText('2');
  await expect(row(page, 'Cart total was NaN').getByTestId('issue-count')).toHaveText('1');
});
