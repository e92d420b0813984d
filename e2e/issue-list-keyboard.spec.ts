import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

/** `count` issues from real @sentry/node, one fingerprint each (each its own issue), the last sent listed first. */
async function sendIssues(dsn: string, count: number, label = 'Keyboard failure'): Promise<void> {
  const sender = nodeSender(dsn);
  for (let i = 1; i <= count; i += 1) {
    sender.capture(new Error(`${label} ${i}`), { fingerprint: [`${label}-${i}`] });
    // The SDK's transport queues 64 envelopes at most (it drops the rest as `queue_overflow`).
    if (i % 50 === 0) await sender.flush();
  }
  await sender.flush();
}

/** What has the focus: a row's `row:<index>`, else `tag:testid`. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el) return 'none';
  if (el.getAttribute('data-testid') === 'issue-row') return `row:${el.getAttribute('aria-rowindex') ?? '?'}`;
  return `${el.tagName}:${el.getAttribute('data-testid') ?? el.id}`;
});

const rows = (page: Page) => page.getByTestId('issue-row');
const rowAt = (page: Page, index: number) => page.locator(`[data-testid="issue-row"][aria-rowindex="${index}"]`);

async function issueCount(url: string): Promise<number> {
  const list = (await (await fetch(`${url}/_lookout/api/issues?limit=1`)).json()) as { total: number };
  return list.total;
}

test('the issue list is a grid walked with real focus: j/k and arrows, Home/End, x and Space check, → reaches the controls, m merges', async ({ page, server }) => {
  test.setTimeout(90_000);
  await sendIssues(server.dsn, 205);
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-total')).toHaveText('205 issues');
  const grid = page.getByTestId('issue-list');
  // The total the header says, not the 200 rows of the first page.
  await expect(grid).toHaveAttribute('aria-rowcount', '205');
  await expect(grid).toHaveAttribute('aria-multiselectable', 'true');
  await expect(grid).toHaveAccessibleName('Issues');
  // One Tab stop: the focused row; its controls and the other rows are reached by keys.
  await expect(page.locator('[data-testid="issue-list"] [tabindex="0"]')).toHaveCount(1);
  await expect(rowAt(page, 1)).toHaveAttribute('tabindex', '0');
  await expect(rowAt(page, 1).getByTestId('issue-checkbox')).toHaveAttribute('tabindex', '-1');
  // Nothing is checked: aria-selected says the checkboxes, not where the keyboard is.
  await expect(page.locator('[data-testid="issue-row"][aria-selected="true"]')).toHaveCount(0);

  await page.locator('body').press('j');
  await expect.poll(() => focused(page)).toBe('row:2');
  await expect(rowAt(page, 2)).toHaveAttribute('tabindex', '0');
  await expect(rowAt(page, 1)).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focused(page)).toBe('row:3');
  await page.keyboard.press('k');
  await expect.poll(() => focused(page)).toBe('row:2');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focused(page)).toBe('row:1');
  await page.keyboard.press('End');
  await expect.poll(() => focused(page)).toBe('row:200');
  await page.keyboard.press('Home');
  await expect.poll(() => focused(page)).toBe('row:1');
  // With keyboard focus a row shows its times exactly, not only in a mouse tooltip.
  const lastSeen = rowAt(page, 1).getByTestId('issue-last-seen');
  const exact = await lastSeen.getAttribute('data-exact');
  expect(exact).toMatch(/\d/);
  expect(await lastSeen.evaluate((el) => getComputedStyle(el, '::after').content)).toContain(exact ?? '?');
  await page.screenshot({ path: test.info().outputPath('row-focus.png') });

  // → walks into the row's cells (checkbox, title link) and ← back out.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focused(page)).toBe('INPUT:issue-checkbox');
  await page.keyboard.press('ArrowRight');
  await expect(rowAt(page, 1).locator('a.issue-main')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focused(page)).toBe('row:1');

  // x checks the focused row, Space the next one; focus stays on the rows.
  await page.keyboard.press('x');
  await expect(rowAt(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(rowAt(page, 1).getByTestId('issue-checkbox')).toBeChecked();
  await page.keyboard.press('j');
  await page.keyboard.press(' ');
  await expect(rowAt(page, 2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  await expect.poll(() => focused(page)).toBe('row:2');
  const mergedTitles = [await rowAt(page, 1).getByTestId('issue-title').textContent(), await rowAt(page, 2).getByTestId('issue-title').textContent()];

  // m asks first (Cancel has the focus); Tab to Merge, Enter: the two are one issue.
  await page.keyboard.press('m');
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('merge-dialog-cancel')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('merge-dialog-confirm')).toBeFocused();
  // Tab stays in the dialog.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('merge-dialog-cancel')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('merge-dialog-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect.poll(() => issueCount(server.url)).toBe(204);
  // The issue they joined stays checked, of the list's new total.
  await expect(page.getByTestId('selection-total')).toHaveText('of 204');
  await expect(page.getByTestId('issue-list')).toHaveAttribute('aria-rowcount', '204');
  await expect(rows(page).filter({ hasText: mergedTitles[0] ?? '?' }).or(rows(page).filter({ hasText: mergedTitles[1] ?? '?' }))).toHaveCount(1);

  // o opens the focused issue.
  await page.locator('body').press('j');
  const id = await page.evaluate(() => document.activeElement?.getAttribute('data-issue-id'));
  expect(id).toMatch(/^\d+$/);
  await page.keyboard.press('o');
  await expect(page).toHaveURL(new RegExp(`#/issues/${id}$`));
});

test('resolved or ignored on its page, an issue gives focus back to the row that took its place, else the list heading', async ({ page, server }) => {
  await sendIssues(server.dsn, 3, 'Return failure');
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);
  const title = page.getByTestId('issue-detail-title');

  // The middle row, resolved on its page: back on the list, focus is on the row below it (now second).
  await page.locator('body').press('j');
  await expect.poll(() => focused(page)).toBe('row:2');
  const below = await rowAt(page, 3).getAttribute('data-issue-id');
  await page.keyboard.press('Enter');
  await expect(title).toBeFocused();
  await page.keyboard.press('r');
  await expect(page.getByTestId('detail-status')).toHaveText(/Resolved/);
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator(`[data-testid="issue-row"][data-issue-id="${below}"]`)).toBeFocused();

  // The last row, ignored: the previous one takes the focus.
  await expect.poll(() => focused(page)).toBe('row:2');
  const above = await rowAt(page, 1).getAttribute('data-issue-id');
  await page.keyboard.press('Enter');
  await expect(title).toBeFocused();
  await page.keyboard.press('e');
  await expect(page.getByTestId('detail-status')).toHaveText(/Ignored/);
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator(`[data-testid="issue-row"][data-issue-id="${above}"]`)).toBeFocused();

  // No row left: the list's heading.
  await page.keyboard.press('Enter');
  await expect(title).toBeFocused();
  await page.keyboard.press('r');
  await expect(page.getByTestId('detail-status')).toHaveText(/Resolved/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('issues-empty')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Issues', level: 1 })).toBeFocused();

  // In the list, `r` on the focused row moves focus to the row that took its place, never to the page body.
  await sendIssues(server.dsn, 2, 'Inline failure');
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await page.locator('body').press('k');
  await expect.poll(() => focused(page)).toBe('row:1');
  const next = await rowAt(page, 2).getAttribute('data-issue-id');
  await page.keyboard.press('r');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator(`[data-testid="issue-row"][data-issue-id="${next}"]`)).toBeFocused();
});

test('new issues are said once, throttled, in a polite live region of the list, and not while another view shows', async ({ page, server }) => {
  await sendIssues(server.dsn, 1, 'Existing failure');
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(1);
  const region = page.getByTestId('new-issues-announcer');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveText('');
  // Every text the region ever holds, to prove one announcement for the burst, not one per message.
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const el = document.querySelector('[data-testid="new-issues-announcer"]');
    if (el) new MutationObserver(() => { if (el.textContent) said.push(el.textContent); }).observe(el, { childList: true, characterData: true, subtree: true });
  });

  await sendIssues(server.dsn, 3, 'Fresh failure');
  await expect(rows(page)).toHaveCount(4);
  await expect(region).toHaveText('3 new issues');
  expect(await page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual(['3 new issues']);

  // Another view: the list is not shown, so nothing is said of what arrives meanwhile.
  await page.getByTestId('nav-stream').click();
  await expect(page.getByTestId('new-issues-announcer')).toHaveCount(0);
  await sendIssues(server.dsn, 1, 'Unseen failure');
  await expect(page.getByText('Unseen failure 1').first()).toBeVisible();
  await page.getByTestId('nav-issues').click();
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByTestId('new-issues-announcer')).toHaveText('');
});

test('sidebar Copy says what it copies, the issue header\'s times show their exact time on focus, and the shortcuts dialog keeps Tab', async ({ page, server }) => {
  await sendIssues(server.dsn, 1, 'Header failure');
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(1);
  const name = await page.getByTestId('project-name').first().textContent();
  await expect(page.getByTestId('copy-dsn').first()).toHaveAccessibleName(`Copy DSN of ${name ?? '?'}`);

  await rows(page).first().locator('a.issue-main').click();
  const lastSeen = page.getByTestId('issue-header-last-seen');
  await expect(lastSeen).toHaveAttribute('tabindex', '0');
  const exact = await lastSeen.getAttribute('data-exact');
  // Reached by Tab from the first seen time; focused by keyboard, its tooltip shows the exact time.
  await page.getByTestId('issue-header-first-seen').focus();
  await page.keyboard.press('Tab');
  await expect(lastSeen).toBeFocused();
  expect(await lastSeen.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(`"${exact ?? '?'}"`);
  await page.screenshot({ path: test.info().outputPath('header-time-focus.png') });

  await page.locator('body').press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  await expect(dialog).toContainText('Check or uncheck the focused issue');
  await expect(dialog).toContainText('Home / End');
  // From its last control, Tab goes round to its first (the scrolling list), not out of the dialog.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('shortcuts-body')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('shortcuts-body')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
