/**
 * Bug report export end to end: the Export dialog (formats, scrub rules, live marked preview,
 * Save/Copy) and "Copy as Markdown" on an issue from real @sentry/node with seeded secrets; and the
 * HTML report of a real @sentry/browser error with a replay, opened from disk with the network cut.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServer } from './server';
import { watchReplayTraffic } from './helpers/browser-app/replay-traffic';
import { startBrowserApp } from './helpers/browser-app/server';
import { reportTexts } from './helpers/report-files';
import { captureSecretIssue, expectNoSecrets, SECRETS, SEEDED_EMAIL } from './helpers/secret-issue';
import { writeShopBundleWithMap } from './helpers/shop-bundle-map';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/export-screens';

async function saved(download: Promise<Download>): Promise<{ name: string; body: Buffer }> {
  const d = await download;
  return { name: d.suggestedFilename(), body: readFileSync(await d.path()) };
}

async function openOnlyIssue(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page).toHaveURL(/#\/issues\/\d+$/);
  await expect(page.getByTestId('issue-detail-title')).toBeVisible();
}

test('export dialog: marked preview per rule, rules switched per export, Save and Copy leave no secret', async ({ page, context, server }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await captureSecretIssue(server.dsn);
  await openOnlyIssue(page, server.url);
  const issueUrl = page.url();

  mkdirSync(SCREENS, { recursive: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: `${SCREENS}/issue-header.png`, clip: { x: 0, y: 0, width: 1400, height: 220 } });

  // The dialog opens with Markdown chosen, Sentry's default rules on, focus inside.
  await page.getByTestId('export-open').click();
  const dialog = page.getByRole('dialog', { name: 'Export bug report' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-format-md')).toBeFocused();
  const defaults = [['Keys & values', true], ['Headers', true], ['Card numbers', true], ['IP addresses', false], ['E-mail addresses', false]] as const;
  for (const [label, on] of defaults) await expect(dialog.getByLabel(label)).toBeChecked({ checked: on });
  await expect(page.getByTestId('export-replay')).toHaveCount(0);

  // The preview marks each filtered spot with its rule; the counts agree; no secret is shown.
  const preview = page.getByTestId('export-preview-text');
  await expect(preview).toContainText('Checkout failed for cart');
  await expect(preview).toContainText('Steps before the error');
  const marks = (rule: string) => preview.locator(`mark[data-rule="${rule}"]`);
  for (const rule of ['keys', 'headers', 'creditCards']) {
    await expect.poll(() => marks(rule).count(), { message: `${rule} marks` }).toBeGreaterThan(0);
    await expect(page.getByTestId(`export-rule-count-${rule}`)).toHaveText(String(await marks(rule).count()));
  }
  await expect(marks('creditCards').first()).toHaveAttribute('title', 'Filtered: Card numbers');
  await expect(marks('headers').first()).toHaveText('[Filtered]');
  await expect(page.getByTestId('export-summary')).toContainText('Card numbers');
  expectNoSecrets([await preview.innerText()], 'the preview');
  await expect(preview).toContainText(SEEDED_EMAIL);
  await marks('creditCards').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/export-dialog.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENS}/export-dialog-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 720, height: 800 });
  await page.screenshot({ path: `${SCREENS}/export-dialog-narrow.png` });
  await page.setViewportSize({ width: 1400, height: 900 });

  // Switching "Card numbers" off shows the number; "E-mail addresses" on hides the address.
  await page.getByLabel('Card numbers').uncheck();
  await expect(preview).toContainText(SECRETS.card);
  await expect(marks('creditCards')).toHaveCount(0);
  await expect(page.getByTestId('export-rule-count-creditCards')).toHaveCount(0);
  // What the unchecked rule would filter is still counted: the user sees what stays in the export.
  await expect(page.getByTestId('export-rule-kept-creditCards')).toHaveText(/^[1-9]\d* kept$/);
  await expect(page.getByTestId('export-unchecked-summary')).toContainText('card number');
  await expect.poll(() => marks('keys').count()).toBeGreaterThan(0);
  await page.getByLabel('Card numbers').check();
  await expect(preview).not.toContainText(SECRETS.card);
  await page.getByLabel('E-mail addresses').check();
  await expect(preview).not.toContainText(SEEDED_EMAIL);
  await expect.poll(() => marks('emails').count()).toBeGreaterThan(0);
  await page.getByLabel('E-mail addresses').uncheck();
  await expect(marks('emails')).toHaveCount(0);

  // Focus stays inside: Tab from the last control wraps to the first and back.
  await page.getByTestId('export-save').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('export-close')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('export-save')).toBeFocused();
  for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  // App shortcuts are off while the dialog is open (`r` would resolve the issue).
  await page.getByTestId('export-copy').focus();
  await page.keyboard.press('r');

  // Save downloads each format under the server's name, scrubbed; JSON keeps the asked event count.
  for (const format of ['md', 'html', 'json'] as const) {
    if (!(await dialog.isVisible())) await page.getByTestId('export-open').click();
    await page.getByTestId(`export-format-${format}`).check();
    if (format === 'json') await page.getByTestId('export-events').fill('1');
    const file = await saved(Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]).then(([d]) => d));
    expect(file.name).toMatch(new RegExp(`^lookout-issue-\\d+\\.${format}$`));
    // Saved: the dialog closes, and says the file went out.
    await expect(page.getByTestId('toast-success').filter({ hasText: `Downloaded ${file.name}` })).toBeVisible();
    await expect(dialog).toBeHidden();
    const texts = reportTexts(file.name, file.body);
    expect(texts[0]).toContain('Checkout failed for cart');
    expect(texts[0]).toContain('[Filtered]');
    expect(texts[0]).not.toMatch(/[\uE000-\uE002]/);
    expectNoSecrets(texts, file.name);
    if (format === 'json') {
      const bundle = JSON.parse(texts[0] ?? '') as { format: string; events: unknown[]; envelopes: unknown[]; scrubRules: unknown };
      expect(bundle.format).toBe('lookout-bundle/1');
      expect(bundle.events).toHaveLength(1);
      expect(bundle.envelopes.length).toBeGreaterThan(0);
      expect(bundle.scrubRules).toEqual({ keys: true, headers: true, creditCards: true, ips: false, emails: false });
    }
  }

  // Copy puts the chosen format on the clipboard, scrubbed.
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-format-html').check();
  await page.getByTestId('export-copy').click();
  await expect(page.getByTestId('export-copy')).toHaveText('Copied');
  const copiedHtml = await page.evaluate(() => navigator.clipboard.readText());
  expect(copiedHtml).toMatch(/^<!doctype html>/i);
  expectNoSecrets([copiedHtml], 'the copied HTML');

  // Esc closes the dialog only (it does not leave the issue) and gives focus back to "Export…".
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(page.url()).toBe(issueUrl);
  await expect(page.getByTestId('export-open')).toBeFocused();

  // "Copy as Markdown" in the header: the default rules, no markers.
  await page.getByTestId('copy-markdown').click();
  await expect(page.getByTestId('copy-markdown')).toHaveText('Copied');
  const copiedMd = await page.evaluate(() => navigator.clipboard.readText());
  expect(copiedMd).toMatch(/^# Error: Checkout failed for cart/);
  expect(copiedMd).toContain('## Steps before the error');
  expect(copiedMd).toContain('[Filtered]');
  expect(copiedMd).not.toMatch(/[\uE000-\uE002]/);
  expectNoSecrets([copiedMd], 'the copied Markdown');

  // Reopened, the dialog starts from the defaults again (a switched-off rule is for one export only).
  await page.getByTestId('export-open').click();
  await expect(page.getByLabel('Card numbers')).toBeChecked();
  await expect(page.getByTestId('export-format-md')).toBeChecked();
  await page.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('detail-status')).toHaveText('Unresolved');
});

/** The replay shop with its bundle mapped on disk, and a server that resolves frames through it. */
const withShopMaps = test.extend<{ shopMaps: { dir: string; code: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  shopMaps: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-e2e-export-maps-'));
    await use({ dir, code: await writeShopBundleWithMap(dir) });
    rmSync(dir, { recursive: true, force: true });
  },
  server: async ({ shopMaps }, use) => {
    const server = await startServer({ args: ['--source-root', shopMaps.dir] });
    await use(server);
    await server.stop();
  },
});

withShopMaps('HTML report of a real browser error with a replay opens offline, with mapped frames, and the replay plays', async ({ browser, server, shopMaps }, testInfo) => {
  test.setTimeout(120_000);
  const app = await startBrowserApp();
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  try {
    // The bundle Lookout maps from disk is byte for byte the one the browser runs.
    expect(await (await fetch(`${app.origin}/app.js`)).text()).toBe(shopMaps.code);

    // Record a session: load, type, pay (the app throws); wait until Lookout stored it all.
    const shop = await context.newPage();
    const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);
    await shop.goto(app.pageUrl(server.dsn));
    await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await shop.locator('#name').pressSequentially('Ada Lovelace');
    await expect.poll(() => traffic.segments.some((s) => s.text.includes('Ada Lovelace')), { timeout: 30_000 }).toBe(true);
    await shop.click('#crash');
    await expect.poll(() => traffic.errorEventIds.length > 0 && traffic.segments.some((s) => s.text.includes('Paying now')), { timeout: 30_000 }).toBe(true);

    // The dialog offers the replay (ticked), and Save gives the HTML report.
    const ui = await context.newPage();
    await ui.setViewportSize({ width: 1400, height: 900 });
    await openOnlyIssue(ui, server.url);
    await ui.getByTestId('export-open').click();
    await expect(ui.getByTestId('export-replay')).toBeChecked();
    await expect(ui.getByTestId('export-preview-text')).toContainText('## Replay');
    // The Markdown lists the recording's steps too: the clicks that led to the error, and the error in bold.
    await expect(ui.getByTestId('export-preview-text')).toContainText(/Recorded steps.*, times from the start of the recording:/);
    await expect(ui.getByTestId('export-preview-text')).toContainText(/- `[^`]+` Click: .*\\#crash/);
    await expect(ui.getByTestId('export-preview-text')).toContainText(/- \*\*`[^`]+` Error: [^\n]*Replay e2e: payment failed\*\*/);
    await ui.screenshot({ path: `${SCREENS}/export-dialog-replay.png` });
    await ui.getByTestId('export-format-html').check();
    const htmlPath = testInfo.outputPath('lookout-report.html');
    const [download] = await Promise.all([ui.waitForEvent('download'), ui.getByTestId('export-save').click()]);
    await download.saveAs(htmlPath);
    expect(readFileSync(htmlPath, 'utf8')).toContain('Ada Lovelace');

    // Unticked, the recording (and what was typed into the page) stays out.
    await expect(ui.getByTestId('export-dialog')).toBeHidden();
    await ui.getByTestId('export-open').click();
    await ui.getByTestId('export-format-html').check();
    await ui.getByTestId('export-replay').uncheck();
    const without = await saved(Promise.all([ui.waitForEvent('download'), ui.getByTestId('export-save').click()]).then(([d]) => d));
    expect(without.body.toString('utf8')).not.toContain('lookout-replay-data');
    expect(without.body.toString('utf8')).not.toContain('Ada Lovelace');

    // Opened from disk with every http(s) request refused.
    const offline = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const outbound: string[] = [];
    await offline.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outbound.push(url);
      return route.abort();
    });
    const logoHits = app.hits('/logo.svg');
    const report = await offline.newPage();
    await report.goto(pathToFileURL(htmlPath).href);
    await expect(report.locator('h1')).toContainText('Replay e2e: payment failed');
    await expect(report.locator('#steps')).toContainText('Replay e2e: paying');
    await expect(report.locator('#steps')).toContainText('/api/pay');
    // The original frame (source-mapped to page.js) with its source line.
    await expect(report.locator('#exception')).toContainText('page.js');
    await expect(report.locator('#exception')).toContainText("throw new Error('Replay e2e: payment failed')");
    await expect(report.locator('#environment')).toContainText('replay-e2e@1.0.0');

    // The embedded player shows the recorded page, and time runs when played.
    const recorded = report.frameLocator('#replay-player iframe');
    await expect(recorded.getByText('Lookout replay e2e shop')).toBeVisible();
    const clock = report.locator('.rr-timeline__time').first();
    // The error's moment is marked on the player's timeline, and the recording's breadcrumbs are listed beside it.
    const marker = report.locator('#replay-player .rr-progress #replay-error-marker');
    await expect(marker).toHaveCount(1);
    expect(Number.parseFloat(await marker.evaluate((m: HTMLElement) => m.style.left))).toBeGreaterThan(0);
    const steps = report.locator('#replay-steps');
    await expect(steps.locator('li.step-error')).toHaveCount(1);
    await expect(steps.locator('li.step-error')).toContainText('Replay e2e: payment failed');
    await expect(steps.locator('li.step-click').first()).toContainText('#crash');
    await expect(steps).toContainText('Replay e2e: paying');
    // A step seeks the player to its moment.
    const atStart = await clock.textContent();
    await steps.locator('li.step-error button').click();
    await expect.poll(() => clock.textContent()).not.toBe(atStart);
    await report.locator('#replay').screenshot({ path: `${SCREENS}/report-replay-steps.png` });
    const before = await clock.textContent();
    await report.locator('.rr-controller__btns button').first().click();
    await expect.poll(() => clock.textContent(), { timeout: 15_000 }).not.toBe(before);
    await expect(recorded.getByText('Paying now, please wait')).toBeVisible({ timeout: 20_000 });
    await report.screenshot({ path: `${SCREENS}/report-html.png`, fullPage: true });
    expect(outbound).toEqual([]);
    expect(app.hits('/logo.svg')).toBe(logoHits);
    await offline.close();
  } finally {
    await context.close();
    await app.close();
  }
});
