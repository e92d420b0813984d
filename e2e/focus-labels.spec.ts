import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

// Three places in the app that fail, so three issues (the stack is what groups them).
const balanceLedger = () => new Error('ledger out of balance');
const callGateway = () => new Error('gateway timeout after 3100ms');
const chargeCard = () => new Error('card declined for order 77');

/** Three issues from real @sentry/node, newest last (the list shows it first). */
async function threeIssues(dsn: string): Promise<void> {
  const sender = nodeSender(dsn, { release: 'shop-api@1.4.1' });
  for (const failure of [balanceLedger, callGateway, chargeCard]) {
    sender.capture(failure());
    await sender.flush();
  }
}

test('opening an issue puts focus on its title, one Tab from Resolve, and Back returns it to the row', async ({ page, server }) => {
  await threeIssues(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  const rows = page.getByTestId('issue-row');
  await expect(rows).toHaveCount(3);

  // j j Enter (as the review did): the focused row's issue opens with its title focused and said to screen readers.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const secondId = await page.locator('[data-testid="issue-row"].is-focused').getAttribute('data-issue-id');
  expect(secondId).not.toBeNull();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/issues/${secondId}$`));
  const title = page.getByTestId('issue-detail-title');
  await expect(title).toBeFocused();
  await expect(title).toHaveAttribute('tabindex', '-1');
  await expect(page.getByTestId('route-announcer')).toHaveText(`Issue: ${await title.textContent()}`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Resolve', exact: true })).toBeFocused();

  // Back (the browser's, then Esc) returns focus to the row the issue was opened from.
  await page.goBack();
  await expect(rows).toHaveCount(3);
  await expect(page.locator(`[data-testid="issue-row"][data-issue-id="${secondId}"]`)).toBeFocused();
  await expect(page.getByTestId('route-announcer')).toHaveText('Issues page');
  await page.keyboard.press('Enter');
  await expect(title).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-testid="issue-row"][data-issue-id="${secondId}"]`)).toBeFocused();

  // A click opens an issue the same way.
  await rows.filter({ hasText: 'ledger out of balance' }).locator('a.issue-main').click();
  await expect(title).toBeFocused();
  await expect(title).toHaveText(/ledger out of balance/);
});

test('settings fields are named by their labels, hints describe them, and each project\'s source folders box is named', async ({ page, server }) => {
  await threeIssues(server.dsn);
  await page.goto(`${server.url}/#/settings`);
  const roots = page.getByLabel('Source folders', { exact: true });
  await expect(roots).toHaveAttribute('data-testid', 'setting-source-roots');
  await expect(roots).toHaveAccessibleName('Source folders');
  await expect(roots).toHaveAccessibleDescription('One per line. Searched for source files and source maps.');
  await expect(page.getByLabel('Delete after (days)')).toHaveAccessibleName('Delete after (days)');
  const projectRoots = page.getByTestId('project-roots-input-1');
  await expect(projectRoots).toHaveAccessibleName(/^Source folders of \S+ \(project 1\)$/);
  await expect(page.getByRole('textbox', { name: /^Source folders of / })).toHaveCount(1);
  await expect(page.getByLabel('Also fetch scripts and source maps from these hosts')).toHaveAccessibleDescription(/One host \(any port\)/);
});

test('the shortcuts dialog opens at its top, its title and Close in view', async ({ page, server }) => {
  await page.setViewportSize({ width: 1400, height: 813 });
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByRole('heading', { name: 'Issues', level: 1 })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  const box = await dialog.boundingBox();
  const titleBox = await page.getByTestId('shortcuts-title').boundingBox();
  expect(box && titleBox && titleBox.y >= box.y && titleBox.y + titleBox.height <= box.y + box.height).toBe(true);
  expect(await dialog.evaluate((d) => d.scrollTop)).toBe(0);
  expect(await page.getByTestId('shortcuts-body').evaluate((b) => b.scrollTop)).toBe(0);
  await expect(close).toBeInViewport({ ratio: 1 });
  await expect(dialog).toHaveAccessibleName('Keyboard shortcuts');
  await page.screenshot({ path: 'test-results/focus-labels/shortcuts-1400x813.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
