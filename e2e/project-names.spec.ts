/**
 * Projects read as apps, not "project-1": a real @sentry/node app and a real @sentry/browser page on
 * two DSN project ids are named after their releases' packages, with a platform badge, in the
 * sidebar, the issue list and the issue page; renamed in place (F2, double-click) or in Settings,
 * a name shows at once in every open window (the stream's `project` message).
 * @see https://docs.sentry.io/platforms/javascript/configuration/releases/
 */
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { runBrowserApp } from './helpers/sentry-browser';

const entry = (page: import('@playwright/test').Page, id: number) => page.locator(`[data-testid="project-item"][data-project-id="${id}"]`);

test('apps on two project ids are named from their releases, renamed in the sidebar and in Settings, live in another window', async ({ page, context, server }) => {
  const node = nodeSender(server.dsn, { release: 'checkout-api@2.1.0' });
  node.capture(new Error('card declined'));
  await node.flush();
  const app = await context.newPage();
  await runBrowserApp(app, server.dsn.replace(/\/1$/, '/2'), "document.getElementById('pay').addEventListener('click', () => { throw new Error('cart is empty'); }); document.getElementById('pay').click();",
    { release: '@acme/storefront@0.3.0' });
  await app.close();

  await page.goto(`${server.url}/#/issues`);
  await expect(entry(page, 1).getByTestId('project-name')).toHaveText('checkout-api');
  await expect(entry(page, 1).getByTestId('platform-badge')).toHaveText('node');
  await expect(entry(page, 2).getByTestId('project-name')).toHaveText('@acme/storefront');
  await expect(entry(page, 2).getByTestId('platform-badge')).toHaveText('javascript');
  const row = page.getByTestId('issue-row').filter({ hasText: 'cart is empty' });
  await expect(row).toContainText('@acme/storefront');

  // A second window, open while the names change.
  const other = await context.newPage();
  await other.goto(`${server.url}/#/issues`);
  await expect(entry(other, 2).getByTestId('project-name')).toHaveText('@acme/storefront');

  // F2 on the focused entry renames it in place; Enter saves.
  await entry(page, 2).locator('a.project-name').focus();
  await page.keyboard.press('F2');
  const box = entry(page, 2).getByTestId('project-rename');
  await expect(box).toBeFocused();
  await box.fill('Storefront');
  await box.press('Enter');
  await expect(entry(page, 2).getByTestId('project-name')).toHaveText('Storefront');
  await expect(entry(other, 2).getByTestId('project-name')).toHaveText('Storefront');
  await expect(other.getByTestId('issue-row').filter({ hasText: 'cart is empty' })).toContainText('Storefront');

  // A double-click opens the box too; a taken name is refused and said; Esc leaves the name as it was.
  await entry(page, 1).getByTestId('project-name').dblclick();
  const first = entry(page, 1).getByTestId('project-rename');
  await first.fill('storefront');
  await first.press('Enter');
  await expect(entry(page, 1).getByTestId('project-rename-error')).toContainText('project 2 is already called storefront');
  await first.press('Escape');
  await expect(entry(page, 1).getByTestId('project-name')).toHaveText('checkout-api');

  // Settings → Projects, and the issue page names the project.
  await page.getByTestId('nav-settings').click();
  const settingsRow = page.getByTestId('project-name-row-1');
  await expect(settingsRow).toContainText('Named after the package in its release');
  await settingsRow.getByTestId('project-rename-start').click();
  await settingsRow.getByTestId('project-rename').fill('Checkout');
  await settingsRow.getByTestId('project-rename').press('Enter');
  await expect(settingsRow.getByTestId('project-name')).toHaveText('Checkout');
  await expect(settingsRow).toContainText('Named here.');
  await expect(entry(other, 1).getByTestId('project-name')).toHaveText('Checkout');

  await other.getByTestId('issue-row').filter({ hasText: 'card declined' }).click();
  await expect(other.getByTestId('issue-project-name')).toHaveText('Checkout');
  await expect(other.getByTestId('issue-project').getByTestId('platform-badge')).toHaveText('node');

  const issueId = /#\/issues\/(\d+)/.exec(other.url())?.[1];
  const md = await (await other.request.get(`${server.url}/_lookout/api/issues/${issueId}/report?format=md`)).text();
  expect(md).toContain('project `Checkout` (node)');
});
