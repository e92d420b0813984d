import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { emitLogs } from './helpers/sentry-node-traces';

// Terminal colours as a Node app prints them (chalk, pino-pretty, Next.js's dev server).
const ESC = '\x1b';
const green = (s: string) => `${ESC}[32m${s}${ESC}[39m`;
const bold = (s: string) => `${ESC}[1m${s}${ESC}[22m`;
const red = (s: string) => `${ESC}[31m${s}${ESC}[39m`;

/** What the theme's palette colour `n` computes to on this page. */
async function paletteColor(page: Page, n: number): Promise<string> {
  return page.evaluate((index) => {
    const probe = document.createElement('span');
    probe.style.color = `var(--ansi-${index})`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, n);
}

const styleOf = (locator: Locator) => locator.evaluate((el) => {
  const css = getComputedStyle(el);
  return { color: css.color, fontWeight: css.fontWeight };
});

test('coloured log bodies show their colours, never their escape codes, in the Logs view, the trace and the stream', async ({ page, server }) => {
  await page.goto(`${server.url}/#/logs`);
  const traceId = await emitLogs(server.dsn, [
    { level: 'info', body: `${green('✓')} ${bold('Connected')} to database ${ESC}[36musers${ESC}[0m\n${ESC}[33m⚠${ESC}[0m pool at ${ESC}[38;5;208m80%${ESC}[0m` },
  ]);
  const row = page.getByTestId('log-row');
  await expect(row.getByTestId('log-body')).toHaveText('✓ Connected to database users ⚠ pool at 80%');
  expect(await row.getByTestId('log-body').innerText()).not.toContain(ESC);
  expect((await styleOf(row.getByTestId('log-body').locator('.ansi', { hasText: '✓' }))).color).toBe(await paletteColor(page, 2));
  expect((await styleOf(row.getByTestId('log-body').locator('.ansi', { hasText: 'Connected' }))).fontWeight).toBe('600');
  expect((await styleOf(row.getByTestId('log-body').locator('.ansi', { hasText: '80%' }))).color).toBe('rgb(255, 135, 0)');

  await row.getByTestId('log-body').click();
  const full = page.locator('.log-full-body');
  await expect(full).toHaveText('✓ Connected to database users\n⚠ pool at 80%');

  // The palette follows the theme.
  const lightGreen = await paletteColor(page, 2);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const darkGreen = await paletteColor(page, 2);
  expect(darkGreen).not.toBe(lightGreen);
  expect((await styleOf(full.locator('.ansi', { hasText: '✓' }))).color).toBe(darkGreen);
  // The system's dark preference gives the same palette when no theme is chosen.
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await paletteColor(page, 2)).toBe(darkGreen);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await paletteColor(page, 2)).toBe(lightGreen);

  await page.goto(`${server.url}/#/traces/${traceId}`);
  const traceLog = page.getByTestId('trace-log');
  await expect(traceLog).toContainText('✓ Connected to database users');
  expect(await traceLog.innerText()).not.toContain(ESC);
  expect((await styleOf(traceLog.locator('.ansi', { hasText: '✓' }))).color).toBe(await paletteColor(page, 2));

  await page.goto(`${server.url}/#/stream`);
  const streamRow = page.locator('[data-testid="stream-row"][data-kind="log"]');
  await expect(streamRow).toContainText('✓ Connected to database users');
  expect(await streamRow.innerText()).not.toContain(ESC);
});

test('an error from a coloured terminal: plain title, red value, bold console breadcrumb', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  node.capture(new Error(`${red('payment failed')} for cart ${bold('c-42')}`), {
    breadcrumbs: [{ category: 'console', level: 'info', message: ` ${green(bold('✓'))} Ready in 5.9s` }],
  });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  const title = page.getByTestId('issue-row').getByTestId('issue-title');
  await expect(title).toContainText('payment failed for cart c-42');
  expect(await title.innerText()).not.toContain(ESC);
  await title.click();

  await expect(page.getByTestId('issue-detail-title')).toHaveText('Error: payment failed for cart c-42');
  const value = page.getByTestId('exception-value');
  await expect(value).toHaveText('payment failed for cart c-42');
  expect((await styleOf(value.locator('.ansi', { hasText: 'payment failed' }))).color).toBe(await paletteColor(page, 1));
  const crumb = page.getByTestId('breadcrumb-message').filter({ hasText: 'Ready in' });
  await expect(crumb).toHaveText('✓ Ready in 5.9s');
  expect(await styleOf(crumb.locator('.ansi', { hasText: '✓' }))).toEqual({ color: await paletteColor(page, 2), fontWeight: '600' });
});
