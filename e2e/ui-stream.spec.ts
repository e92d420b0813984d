import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';

test('the stream shows every item live, and rejected requests with their reason; its tab is in the URL', async ({ page, server }) => {
  await page.goto(`${server.url}/#/stream`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');

  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Stream me please');
  node.capture('A plain message');
  await node.flush();
  await expect(page.getByTestId('stream-row').filter({ hasText: 'Stream me please' })).toBeVisible();
  await expect(page.locator('[data-testid="stream-row"][data-kind="event"]')).toHaveCount(2);
  // The error is an "Error"; the message (level warning) is an "Event".
  await expect(page.getByTestId('stream-row').filter({ hasText: 'Stream me please' }).locator('.kind-chip')).toHaveText('Error');
  await expect(page.getByTestId('stream-row').filter({ hasText: 'A plain message' }).locator('.kind-chip')).toHaveText('Event');

  // A request Lookout cannot parse is listed as rejected, with the reason the server gave.
  const res = await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body: '{"event_id":"x"}\n{"type":"event","length":500}\n{}' });
  expect(res.status).toBe(400);
  const rejected = page.locator('[data-testid="stream-row"][data-kind="rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected.getByTestId('rejected-reason')).not.toBeEmpty();

  await page.getByTestId('stream-filter-rejected').click();
  await expect(page.getByTestId('stream-row')).toHaveCount(1);
  await page.getByTestId('stream-filter-errors').click();
  await expect(page.getByTestId('stream-row')).toHaveCount(2);
  // The tab is in the URL: a reload keeps it, and each tab picked is a history entry for Back.
  await expect(page).toHaveURL(/#\/stream\?kind=errors$/);
  await page.reload();
  await expect(page.getByTestId('stream-filter-errors')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('stream-row')).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(/#\/stream\?kind=rejected$/);
  await expect(page.getByTestId('stream-filter-rejected')).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect(page).toHaveURL(/#\/stream$/);
  await expect(page.getByTestId('stream-filter-all')).toHaveAttribute('aria-pressed', 'true');

  // Clicking an error row opens its event inside its issue.
  await page.getByTestId('stream-row').filter({ hasText: 'Stream me please' }).getByRole('link').click();
  await expect(page.getByTestId('event-title')).toContainText('Stream me please');
});

test('theme choice persists; settings load from the server; the sidebar lists the project DSN', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Make a project');
  await node.flush();
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId('setting-data-dir')).toHaveText(server.dataDir);
  // The port Lookout starts on next time (8969 unless saved), not this `--port 0` server's random one.
  await expect(page.getByTestId('setting-port')).toHaveValue('8969');
  // Save is off until a field differs from what is saved; putting the value back turns it off again.
  const save = page.getByTestId('settings-save');
  await expect(save).toBeDisabled();
  await page.getByTestId('setting-max-age').fill('8');
  await expect(save).toBeEnabled();
  await page.getByTestId('setting-max-age').fill('30');
  await expect(save).toBeDisabled();

  await page.getByTestId('theme-dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-system').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);

  // 0 days would delete everything at the next retention pass: the form does not send it.
  await page.getByTestId('setting-max-age').fill('0');
  await page.getByTestId('settings-save').click();
  expect(await page.getByTestId('setting-max-age').evaluate((el) => (el as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
  await expect(page.getByTestId('toast-success')).toHaveCount(0);
  await page.getByTestId('setting-max-age').fill('7');
  // Source folders are typed one per line, spaces and all.
  await page.getByTestId('setting-source-roots').fill('');
  await page.getByTestId('setting-source-roots').pressSequentially('/tmp/proj-a\n/tmp/my project');
  await expect(page.getByTestId('setting-source-roots')).toHaveValue('/tmp/proj-a\n/tmp/my project');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('toast-success')).toBeVisible();
  // Saved: nothing differs any more until the next change.
  await expect(save).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId('setting-max-age')).toHaveValue('7');
  await expect(page.getByTestId('setting-source-roots')).toHaveValue('/tmp/proj-a\n/tmp/my project');
  // A new port shows as saved after a reload (it takes effect on restart), so it can be seen and undone.
  await page.getByTestId('setting-port').fill(String(server.port + 1));
  await save.click();
  await expect(save).toBeFocused();
  await page.reload();
  await expect(page.getByTestId('setting-port')).toHaveValue(String(server.port + 1));
  await expect(page.getByText(`now listening on ${server.port}`)).toBeVisible();

  await expect(page.getByTestId('project-dsn').first()).toHaveText(server.dsn);
});

test('a settings edit survives a reload of the settings that lands after it', async ({ page, server }) => {
  // Opening Settings shows the settings already loaded and reloads them; on a loaded machine that
  // answer can arrive after the user has changed a field. Hold every answer after the first.
  let answered = 0;
  await page.route('**/_lookout/api/settings', async (route) => {
    if (route.request().method() === 'GET' && answered++ > 0) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId('setting-editor')).toHaveValue('auto');
  await page.goto(`${server.url}/#/issues`);
  await page.goto(`${server.url}/#/settings`);
  const late = page.waitForResponse((r) => r.url().includes('/_lookout/api/settings') && r.request().method() === 'GET');
  await page.getByTestId('setting-editor').selectOption('custom');
  await page.getByTestId('setting-editor-command').fill('my-editor {file}:{line}');
  await late;
  await expect(page.getByTestId('setting-editor')).toHaveValue('custom');
  await expect(page.getByTestId('setting-editor-command')).toHaveValue('my-editor {file}:{line}');
});
