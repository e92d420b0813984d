import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectSearchRows } from './helpers/issue-search-page';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureNamedFailure } from './helpers/shop-app';

const rows = (page: Page) => page.getByTestId('issue-row');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
const search = (page: Page) => page.getByTestId('search-input');
const options = (page: Page) => page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option');

/** Three issues from a real @sentry/node app: checkout (3 events, a user), inventory (1 event), a warning message. */
async function sendIssues(dsn: string): Promise<void> {
  const node = nodeSender(dsn, { release: 'shop@1.0.0' });
  for (let i = 0; i < 3; i += 1) await captureCheckoutFailure(node, { user: { id: 'u1', email: 'ada@shop.test' }, tags: { feature: 'checkout' } });
  captureNamedFailure(node, 'Inventory service timed out', { tags: { feature: '<b>inventory</b>' } });
  node.capture('Low stock warning', { tags: { feature: 'stock' } });
  await node.flush();
}

test("Sentry's has:, timesSeen:, firstSeen:, lastSeen: filter the list; bad values and assigned: are said under the box", async ({ page, server }) => {
  await sendIssues(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);

  const expectRows = (query: string, titles: string[]) => expectSearchRows(page, query, titles);
  await expectRows('has:user', ['Checkout failed']);
  await expectRows('!has:user', ['Inventory service timed out', 'Low stock warning']);
  await expectRows('timesSeen:>2', ['Checkout failed']);
  await expectRows('timesSeen:<=1 firstSeen:-1h', ['Inventory service timed out', 'Low stock warning']);
  await expectRows('lastSeen:+1d', []);
  await expect(page.getByTestId('search-note')).toHaveCount(0);

  await expectRows('timesSeen:lots', ['Checkout failed', 'Inventory service timed out', 'Low stock warning']);
  await expect(page.getByTestId('search-note')).toHaveText('timesSeen needs a number, such as timesSeen:>10 or timesSeen:<=3: "lots" was left out of the search.');
  await search(page).fill('lastSeen:soon assigned:me');
  await expect(page.getByTestId('search-note')).toHaveText([
    /^lastSeen needs a time, such as lastSeen:-24h/, /^Lookout has no assignees .*"assigned:me" was left out of the search\.$/,
  ]);
  await search(page).fill('stack.function:checkout');
  await expect(page.getByTestId('search-note')).toHaveText([/: it keeps no index of stack frames, so it was looked for as text\.$/]);
});

test('the search box suggests keys, then values from the store, by keyboard, as a combobox showing no HTML', async ({ page, server }) => {
  await sendIssues(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);

  await search(page).focus();
  // ↓ in the empty box lists the keys: Sentry's first, then the tag keys these issues have.
  await page.keyboard.press('ArrowDown');
  await expect(options(page).first()).toHaveText(/^is:/);
  await expect(options(page).filter({ hasText: /^feature:/ })).toHaveCount(1);
  await expect(options(page).filter({ hasText: /^release:/ })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type('tim');
  await expect(search(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(options(page).first()).toHaveText(/^timesSeen:/);
  await page.keyboard.press('ArrowDown');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  const activeId = await options(page).first().getAttribute('id');
  await expect(search(page)).toHaveAttribute('aria-activedescendant', activeId ?? 'none');
  await page.keyboard.press('Enter');
  await expect(search(page)).toHaveValue('timesSeen:');
  // Its values are examples of counts, with what they mean.
  await expect(options(page).filter({ hasText: 'more than 10 events' })).toHaveCount(1);
  await page.keyboard.type('>2 ');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'Checkout failed')).toHaveCount(1);

  // A tag key the store has, then its stored values: Tab takes the highlighted one.
  await search(page).fill('');
  await page.keyboard.type('feat');
  await expect(options(page).first()).toHaveText(/^feature:/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(search(page)).toHaveValue('feature:');
  await expect(search(page)).toBeFocused();
  await expect(options(page)).toHaveText(['<b>inventory</b>', 'checkout', 'stock']);
  // Event data is text in the list, never markup.
  await expect(page.getByTestId('search-suggestions').locator('b')).toHaveCount(0);
  await page.keyboard.type('st');
  await expect(options(page)).toHaveText(['stock']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // Round past the last to "none highlighted": Enter then keeps the text as typed.
  await expect(search(page)).not.toHaveAttribute('aria-activedescendant', /./);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(search(page)).toHaveValue('feature:stock ');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'Low stock warning')).toHaveCount(1);

  // Esc closes the list and keeps the box; a second Esc leaves the box, the search kept.
  await page.keyboard.type('ha');
  await expect(options(page).first()).toHaveText(/^has:/);
  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('search-suggestions')).toBeHidden();
  await expect(search(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search(page)).not.toBeFocused();
  await expect(search(page)).toHaveValue('feature:stock ha');
});

test('a level typed in the search stays visible as a chip: replacing the text cannot hide it, and the chip removes it', async ({ page, server }) => {
  await sendIssues(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);

  await search(page).fill('level:warning');
  await expect(page.getByTestId('level-filter')).toHaveValue('warning');
  await expect(search(page)).toHaveValue('');
  const chip = page.getByTestId('filter-chip-level');
  await expect(chip).toHaveText('level:warning×');
  await expect(page.getByTestId('filter-chips')).toContainText('Filtered by');
  await expect(rows(page)).toHaveCount(1);

  // New text: the level still filters, and the page says so beside the box and in the empty list.
  await search(page).fill('Checkout');
  await expect(rows(page)).toHaveCount(0);
  await expect(chip).toBeVisible();
  await expect(page.getByTestId('issues-empty')).toContainText('No issues match “Checkout” with level:warning.');
  await page.getByRole('button', { name: 'Remove filter level:warning' }).click();
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId('level-filter')).toHaveValue('');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'Checkout failed')).toHaveCount(1);
  await expect(page).not.toHaveURL(/level=/);
});
