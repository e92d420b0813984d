/**
 * A newcomer's first half hour, in Chromium against `lookout serve --port 0`: saving Settings keeps
 * the random port out of settings.json and a new port names the DSN apps must use; a real
 * @sentry/browser with sendDefaultPii counts its user (Relay's `infer_ip: auto`); once a project
 * exists Setup offers the next project id; the SDK tabs are WAI-ARIA tabs with an install step; an
 * app that sent only logs is told where they are; and a mistyped project is deleted from Settings,
 * every open window following.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';
import type { IssueSummary, Page as ListPage } from '../src/shared/api-types';

const savedPort = (dataDir: string): unknown => {
  const file = join(dataDir, 'settings.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port : undefined;
};

test('Settings on a --port 0 server: a save keeps the random port out, a new port names the new DSN', async ({ page, server }) => {
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId('setting-port')).toHaveValue('8969');
  await page.getByTestId('setting-max-age').fill('7');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  expect(savedPort(server.dataDir)).toBeUndefined();

  await page.getByTestId('setting-port').fill('9123');
  await expect(page.getByTestId('setting-port-dsn-hint')).toContainText("every app's DSN must name port 9123: http://lookout@127.0.0.1:9123/1");
  await page.getByTestId('settings-save').click();
  await expect.poll(() => savedPort(server.dataDir)).toBe(9123);
  await page.reload();
  await expect(page.getByTestId('setting-port')).toHaveValue('9123');
});

test('a real @sentry/browser with sendDefaultPii counts one user, from the address it sent from', async ({ browser, server }) => {
  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, "setTimeout(() => { throw new Error('Cart total is NaN'); });", { sendDefaultPii: true });
  const issues = async () => (await (await fetch(`${server.url}/_lookout/api/issues`)).json() as ListPage<IssueSummary>).items;
  await expect.poll(async () => (await issues()).map((i) => [i.title, i.users])).toEqual([['Error: Cart total is NaN', 1]]);
});

test('Setup offers the next project id once one exists; the SDK tabs are one Tab stop with arrow keys and an install step', async ({ page, server }) => {
  const sent = await fetch(`${server.url}/api/3/store/?sentry_key=k`, { method: 'POST', body: JSON.stringify({ message: 'hello', platform: 'python' }) });
  expect(sent.status).toBe(200);
  await page.goto(`${server.url}/#/setup`);
  await expect(page.getByTestId('setup-next-dsn')).toHaveText(`http://lookout@127.0.0.1:${server.port}/4`);
  await expect(page.getByTestId('snippet-code')).toContainText(`dsn: "http://lookout@127.0.0.1:${server.port}/4"`);

  const browserTab = page.getByTestId('snippet-tab-browser');
  await expect(page.getByRole('tab')).toHaveCount(6);
  await expect(page.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
  await browserTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('snippet-tab-node')).toBeFocused();
  await expect(page.getByTestId('snippet-tab-node')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('snippet-install')).toHaveText('npm install @sentry/node');
  await expect(page.getByTestId('setup-sourcemaps')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('snippet-tab-python')).toBeFocused();
  await expect(page.getByTestId('snippet-install')).toHaveText('pip install sentry-sdk');
  await expect(page.getByTestId('snippet-code')).toContainText('sentry_sdk.capture_exception(error)');
  await expect(page.getByTestId('setup-sourcemaps')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(page.getByTestId('snippet-tab-spotlight')).toBeFocused();
  await expect(page.getByTestId('snippet-install-block')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(browserTab).toBeFocused();
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', (await browserTab.getAttribute('id'))!);
});

test('an app that sent only logs is told they arrived and where to see them', async ({ page, server }) => {
  const log = { timestamp: Date.now() / 1000, trace_id: '5b8efff798038103d269b633813fc60c', level: 'info', body: 'order packed' };
  const envelope = [JSON.stringify({}), JSON.stringify({ type: 'log', item_count: 2, content_type: 'application/vnd.sentry.items.log+json' }),
    JSON.stringify({ items: [log, { ...log, body: 'order shipped' }] })].join('\n');
  expect((await fetch(`${server.url}/api/2/envelope/?sentry_key=k`, { method: 'POST', body: envelope })).status).toBe(200);
  await page.goto(`${server.url}/#/issues`);
  const empty = page.getByTestId('issues-empty-text');
  await expect(empty).toContainText('No errors yet — 2 logs arrived: see Logs.');
  await empty.getByRole('link', { name: 'Logs' }).click();
  await expect(page).toHaveURL(/#\/logs/);
});

test('a mistyped project is deleted from Settings with a confirm naming its counts; another window follows', async ({ page, browser, server }) => {
  for (const [project, message] of [[999, 'typo one'], [999, 'typo two'], [1, 'real one']] as const) {
    const res = await fetch(`${server.url}/api/${project}/store/?sentry_key=k`, { method: 'POST', body: JSON.stringify({ message, platform: 'node' }) });
    expect(res.status).toBe(200);
  }
  const other = await browser.newPage();
  await other.goto(`${server.url}/#/issues`);
  await expect(other.getByTestId('issue-row')).toHaveCount(3);

  await page.goto(`${server.url}/#/settings`);
  await page.getByTestId('project-name-row-999').getByTestId('project-delete-start').click();
  const dialog = page.getByTestId('project-delete-dialog-999');
  await expect(dialog.getByTestId('project-delete-counts')).toContainText('Project 999 (node): its 2 issues with 2 events');
  await dialog.getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByText('Deleted project node: 2 issues, 2 events')).toBeVisible();
  await expect(page.getByTestId('project-name-row-999')).toHaveCount(0);
  await expect(page.getByTestId('project-name-row-1')).toBeVisible();
  await expect(other.getByTestId('issue-row')).toHaveCount(1);
  await expect(other.getByTestId('issue-row')).toContainText('real one');
});
