/**
 * What Settings, Setup and the issue search say about themselves: hosts given as
 * `lookout serve --fetch-host` listed read-only in Settings as command-line entries (as the
 * `--max-*` flags are), Setup saying maps come from localhost and the listed hosts (with a link)
 * or a Source folder, and the search box's tooltip naming `project:`, `is:new|regressed|ongoing`
 * and how free text matches.
 */
import { test, expect } from '@playwright/test';
import { startServer, type RunningServer } from './server';

let server: RunningServer | null = null;
test.afterEach(async () => { await server?.stop(); server = null; });

test('--fetch-host hosts show in Settings as command-line entries, not in the editable list', async ({ page }) => {
  server = await startServer({ args: ['--fetch-host', '192.168.1.20:5173', '--fetch-host', 'http://MyApp.test/'] });
  await page.goto(`${server.url}/#/settings`);
  const cli = page.getByTestId('setting-fetch-hosts-cli');
  await expect(cli.getByTestId('setting-fetch-host-cli')).toHaveText(['192.168.1.20:5173', 'myapp.test']);
  await expect(cli).toContainText('from the command line');
  await expect(page.getByTestId('setting-fetch-hosts')).toHaveValue('');
  // Saved hosts stay apart from the flag's; a save does not copy the flag's into the settings.
  await page.getByTestId('setting-fetch-hosts').fill('dev.box');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('setting-fetch-hosts')).toHaveValue('dev.box');
  await expect(page.getByTestId('setting-fetch-host-cli')).toHaveText(['192.168.1.20:5173', 'myapp.test']);
  // Fetching off: the flag's hosts are said to be off too.
  await page.getByTestId('setting-fetch-enabled').uncheck();
  await expect(cli).toContainText('not while fetching from URLs is off');
  await page.locator('.settings-view form').screenshot({ path: 'test-results/settings-fetch-hosts-cli.png' });
});

test('without --fetch-host there is no command-line entry; Setup names the listed hosts and Source folders; the search tooltip names every key', async ({ page }) => {
  server = await startServer();
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId('setting-fetch-hosts')).toBeVisible();
  await expect(page.getByTestId('setting-fetch-hosts-cli')).toHaveCount(0);

  await page.goto(`${server.url}/#/setup`);
  const maps = page.getByTestId('setup-sourcemaps');
  await expect(maps).toContainText('from localhost and from the hosts listed in Settings');
  await expect(maps).toContainText('A Source folder works too');
  await maps.getByTestId('setup-fetch-hosts-link').click();
  await expect(page).toHaveURL(/#\/settings$/);

  await page.goto(`${server.url}/#/issues`);
  const title = await page.locator('#issue-search').getAttribute('title');
  expect(title).toContain('project:');
  expect(title).toContain('is:new|regressed|ongoing');
  expect(title).toContain('title, culprit and message as one phrase');
});
