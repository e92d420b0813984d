import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureTotalFailure } from './helpers/shop-app';

const row = (page: Page, text: string) => page.getByTestId('issue-row').filter({ hasText: text });

test('similar issues lists the same error reached by another route, and merges it into the issue shown', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  await captureTotalFailure(node, 'page');
  await captureTotalFailure(node, 'page');
  await captureTotalFailure(node, 'api');
  await captureCheckoutFailure(node);
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(3);
  // Both read "TypeError … firstPrice": the cart page's has two events.
  const typeErrors = row(page, 'TypeError');
  await expect(typeErrors).toHaveCount(2);
  const [pageId, apiId] = await typeErrors.evaluateAll((els) => els
    .sort((a, b) => Number(b.querySelector('[data-testid="issue-count"]')?.textContent) - Number(a.querySelector('[data-testid="issue-count"]')?.textContent))
    .map((el) => el.getAttribute('data-issue-id')));

  await page.goto(`${server.url}/#/issues/${pageId}`);
  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError');
  // Read only when opened.
  await expect(page.getByTestId('similar-issue')).toHaveCount(0);
  await page.getByTestId('similar-issues').locator('summary').click();
  const similar = page.getByTestId('similar-issue');
  await expect(similar).toHaveCount(1);
  await expect(similar).toContainText(`#${apiId}`);
  await expect(similar).toContainText(/\d+% alike/);
  await expect(similar).toContainText('message 100% · same type');
  await expect(page.getByTestId('similar-issues')).toContainText('Compared with the 2 issues last seen in this project.');

  await similar.getByTestId('similar-merge').click();
  await expect(page.getByTestId('similar-merge-dialog')).toContainText(`Into #${pageId}`);
  await page.getByTestId('similar-merge-dialog-confirm').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: `Merged 2 issues into #${pageId} (1 event moved)` })).toBeVisible();
  await expect(similar).toHaveCount(0);
  await expect(page.getByTestId('similar-none')).toBeVisible();
  // What was merged is listed at once, ready to unmerge.
  await expect(page.getByTestId('merged-group')).toContainText(`#${apiId}`);
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  await expect(page.locator(`[data-issue-id="${pageId}"]`).getByTestId('issue-count')).toHaveText('3');
});
