import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

/** Three projects (DSN project ids 1–3), one error each, sent by real @sentry/node. */
async function threeProjects(dsn: string): Promise<void> {
  for (const project of [1, 2, 3]) {
    const sender = nodeSender(dsn.replace(/\/1$/, `/${project}`));
    sender.capture(new Error(`checkout failed in project ${project}`));
    await sender.flush();
  }
}

test('Skip to content is the first Tab stop, and the project list is one Tab stop walked with the arrow keys', async ({ page, server }) => {
  await threeProjects(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('project-item')).toHaveCount(3);
  await expect(page.getByTestId('issue-row')).toHaveCount(3);

  // The first Tab shows the skip link; following it puts focus on the content, and the next Tab in it.
  const skip = page.getByTestId('skip-link');
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('#main-content') !== null)).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');

  // From the last navigation link, one Tab enters the projects and the next leaves them.
  await page.getByTestId('nav-settings').focus();
  await page.keyboard.press('Tab');
  const names = page.getByTestId('project-item').locator('.project-name');
  await expect(names.nth(0)).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="project-list"]') === null)).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(names.nth(0)).toBeFocused();

  // ↓/↑ move between projects; Tab comes back to the one last reached; → reaches its Copy DSN button.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(names.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(names.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('project-item').nth(1).getByTestId('copy-dsn')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(names.nth(1)).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(names.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/project=/);
});

test('e ignores the issue on its page and the focused one in the list; the shortcuts help lists it', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('ledger out of balance'));
  sender.capture(new RangeError('tax below zero'));
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  await page.getByTestId('issue-title').filter({ hasText: 'ledger out of balance' }).click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('ledger out of balance');
  await page.locator('body').press('e');
  await expect.poll(async () => {
    const list = (await (await fetch(`${server.url}/_lookout/api/issues?query=${encodeURIComponent('is:ignored')}`)).json()) as { items: { title: string }[] };
    return list.items.map((i) => i.title);
  }).toEqual([expect.stringContaining('ledger out of balance')]);

  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await page.locator('body').press('j');
  await page.locator('body').press('e');
  await expect(page.getByTestId('issue-row')).toHaveCount(0);

  await page.locator('body').press('?');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help).toContainText('Ignore the selected issues, else the focused one');
  await expect(help).toContainText('Merge the selected issues');
});
