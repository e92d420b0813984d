import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';
import { nodeSender, type SendOptions } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';

/** Where the light/dark screenshots go (override to keep them out of a shared test-results/). */
const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/ui-screens';

const CHECKOUT_CONTEXT: SendOptions = {
  user: { id: 'u-42', email: 'ada@example.com', username: 'ada' },
  tags: { feature: 'checkout', region: 'eu-west' },
  breadcrumbs: [
    { category: 'auth', message: 'User ada signed in', level: 'info' },
    { category: 'http', type: 'http', level: 'error', data: { method: 'POST', url: 'http://localhost:3000/api/pay', status_code: 502 } },
    { category: 'ui.click', message: 'button#pay', level: 'info' },
  ],
  request: {
    method: 'POST', url: 'http://localhost:3000/checkout', query_string: 'step=2',
    headers: { 'user-agent': 'shop-test/1.0', 'x-request-id': 'req-991' }, data: { cart: 'c-17' },
  },
  extra: { cartSize: 0 },
};

async function openOnlyIssue(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page).toHaveURL(/#\/issues\/\d+$/);
}

test('issue detail shows the chain, frames, context lines, breadcrumbs, tags, request and user', async ({ page, server }) => {
  const node = nodeSender(server.dsn, { release: 'shop@1.4.0', environment: 'production' });
  await captureCheckoutFailure(node, CHECKOUT_CONTEXT);
  await node.flush();
  await openOnlyIssue(page, server.url);

  await expect(page.getByTestId('issue-detail-title')).toHaveText('Error: Checkout failed for cart');
  await expect(page.getByTestId('event-title')).toContainText('Checkout failed for cart');
  await expect(page.getByTestId('detail-users')).toHaveText('1');

  // Chain: the thrown Error first, its TypeError cause after it.
  const exceptions = page.getByTestId('exception');
  await expect(exceptions).toHaveCount(2);
  await expect(exceptions.nth(0).getByTestId('exception-type')).toHaveText('Error');
  await expect(exceptions.nth(1)).toContainText('Caused by');
  await expect(exceptions.nth(1).getByTestId('exception-type')).toHaveText('TypeError');

  // Newest frame first, in-app, with its source and the failing line highlighted.
  const causeFrames = exceptions.nth(1).getByTestId('frame');
  await expect(causeFrames.first().getByTestId('frame-function')).toHaveText('firstPrice');
  await expect(causeFrames.first()).toHaveAttribute('data-in-app', 'true');
  // Only the crashing exception opens its frame, as Sentry's `expandFirstFrame`; the cause's opens on a click.
  await expect(causeFrames.first().locator('.frame-toggle')).toHaveAttribute('aria-expanded', 'false');
  await causeFrames.first().locator('.frame-toggle').click();
  const errorLine = exceptions.nth(1).locator('[data-testid="context-line"][data-error="true"]').first();
  await expect(errorLine).toContainText('return (cart as Cart).items[0]!.price;');
  await expect(exceptions.nth(0).locator('[data-testid="context-line"][data-error="true"]').first())
    .toContainText("throw new Error('Checkout failed for cart', { cause: err });");

  // Breadcrumbs, newest first, filterable.
  const crumbs = page.getByTestId('breadcrumb');
  await expect(crumbs.filter({ hasText: 'User ada signed in' })).toBeVisible();
  await expect(crumbs.filter({ hasText: 'POST http://localhost:3000/api/pay [502]' })).toBeVisible();
  await page.getByTestId('breadcrumb-filter').fill('signed');
  await expect(crumbs).toHaveCount(1);
  await page.getByTestId('breadcrumb-filter').fill('');
  await page.getByTestId('breadcrumb-level').selectOption('error');
  await expect(crumbs).toHaveCount(1);
  await expect(crumbs.first()).toContainText('api/pay');
  await page.getByTestId('breadcrumb-level').selectOption('');

  // Tag distributions, request and user.
  await expect(page.getByTestId('tag-row').filter({ hasText: 'feature' })).toContainText('checkout');
  await expect(page.getByTestId('tag-row').filter({ hasText: 'feature' })).toContainText('100%');
  // A tag key is never broken mid-word ("featu / re"): its text is one line box.
  const keyLines = await page.getByTestId('event-tag').filter({ hasText: 'feature' }).first().locator('.chip-key').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(keyLines).toBe(1);
  await expect(page.getByTestId('request-line')).toContainText('POST');
  await expect(page.getByTestId('request-line')).toContainText('http://localhost:3000/checkout');
  await expect(page.getByTestId('request-headers')).toContainText('req-991');
  await expect(page.getByTestId('request-query')).toContainText('step=2');
  await expect(page.getByTestId('user-table')).toContainText('ada@example.com');
  await expect(page.getByTestId('contexts')).toContainText('Runtime');
  // Known context keys read as Sentry names them; the key as sent stays in the tooltip.
  await expect(page.getByTestId('contexts').locator('th[title="kernel_version"]')).toHaveText('Kernel Version');
  await expect(page.getByTestId('trace-link')).toContainText('Trace not captured');

  // Clicking a frame's file opens it in the editor when one is installed, else says why not
  // (ui-editor.spec.ts runs both cases); either way it tells the user. Forced: without an editor
  // the button is aria-disabled, yet a click still explains.
  const file = causeFrames.first().getByTestId('frame-file');
  const editorInstalled = (await file.getAttribute('aria-disabled')) !== 'true';
  const opened = editorInstalled ? page.waitForRequest((r) => r.url().endsWith('/_lookout/api/open') && r.method() === 'POST') : null;
  await file.click({ force: true });
  if (opened) {
    const body = (await opened).postDataJSON() as { file: string; line: number; col: number };
    expect(body.file).toMatch(/shop-app\.ts$/);
    expect(body.line).toBeGreaterThan(0);
  } else {
    await expect(file).toHaveAttribute('title', /No editor found/);
  }
  await expect(page.locator('[data-testid^="toast-"]').first()).toBeVisible();

  // Raw JSON is built only on demand.
  await expect(page.getByTestId('raw-json')).toHaveCount(0);
  await page.getByTestId('raw').getByRole('button', { name: 'Raw' }).click();
  await page.getByTestId('show-raw-json').click();
  await expect(page.getByTestId('raw-json')).toContainText('"Checkout failed for cart"');
  await page.getByTestId('show-raw-envelope').click();
  await expect(page.getByTestId('raw-envelope')).toContainText('"type":"event"');

  mkdirSync(SCREENS, { recursive: true });
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.getByTestId('raw').getByRole('button', { name: 'Raw' }).click();
  await page.locator('.view').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENS}/detail-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENS}/detail-dark.png` });

  // A tag value leads to the issues that have it.
  await page.getByTestId('tag-row').filter({ hasText: 'feature' }).getByTestId('tag-value').first().click();
  await expect(page).toHaveURL(/#\/issues\?/);
  await expect(page.getByTestId('search-input')).toHaveValue('feature:"checkout"');
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
});

test('event navigation, deep links, status actions and the regression badge in the detail', async ({ page, server }) => {
  const node = nodeSender(server.dsn, { release: 'shop@1.4.0' });
  const first = await captureCheckoutFailure(node, { user: { id: 'a' } });
  await node.flush();
  const second = await captureCheckoutFailure(node, { user: { id: 'b' } });
  await node.flush();
  await openOnlyIssue(page, server.url);
  const issueUrl = page.url();

  // Opens on the latest event; older/newer walk the issue's events and change the URL.
  await expect(page.getByTestId('event-id')).toHaveText(second.slice(0, 12));
  await expect(page.getByTestId('event-list-item')).toHaveCount(2);
  await page.getByTestId('nav-previous').click();
  await expect(page.getByTestId('event-id')).toHaveText(first.slice(0, 12));
  await expect(page).toHaveURL(new RegExp(`/events/${first}$`));
  await page.reload();
  await expect(page.getByTestId('event-id')).toHaveText(first.slice(0, 12));
  await page.keyboard.press('k');
  await expect(page.getByTestId('event-id')).toHaveText(second.slice(0, 12));

  // `#/events/ID` opens the same event inside its issue.
  await page.goto(`${server.url}/#/events/${first}`);
  await expect(page.getByTestId('event-id')).toHaveText(first.slice(0, 12));
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed for cart');
  // A link that names another issue (an old one, after a regroup) leads to the event's own issue.
  await page.goto(issueUrl.replace(/#\/issues\/\d+.*$/, `#/issues/999/events/${first}`));
  await expect(page).toHaveURL(new RegExp(`${issueUrl.replace(/^.*#/, '#').replace(/\/events\/.*$/, '')}/events/${first}$`));
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed for cart');

  await page.goto(issueUrl);
  await page.getByTestId('action-resolve').click();
  await expect(page.getByTestId('detail-status')).toHaveText('Resolved');
  await expect(page.getByTestId('action-unresolve')).toBeVisible();

  // A new event of the resolved issue arrives: the open detail flips to a live regression.
  const later = nodeSender(server.dsn, { release: 'shop@1.5.0' });
  await captureCheckoutFailure(later);
  await later.flush();
  await expect(page.getByTestId('detail-status')).toHaveText('Unresolved');
  await expect(page.getByTestId('regression-badge')).toBeVisible();
  await expect(page.getByTestId('detail-count')).toHaveText('3');
  await expect(page.getByTestId('nav-latest')).toHaveAttribute('href', /\/events\/[0-9a-f]{32}$/);
  await expect(page.getByTestId('event-list-item')).toHaveCount(3);
  // The issue's activity says what happened, newest first, live.
  const activity = page.getByTestId('activity-entry');
  await expect(activity).toHaveCount(3);
  await expect(activity.nth(0)).toContainText('Regressed in shop@1.5.0');
  await expect(activity.nth(1)).toContainText('Marked resolved');
  await expect(activity.nth(2)).toContainText('First seen');

  // Bug report export downloads a file named by the server (the dialog is covered by export.spec.ts).
  await page.getByTestId('export-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-save').click();
  expect((await download).suggestedFilename()).toMatch(/\.md$/);
  // A saved report closes the dialog.
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await page.getByTestId('ignore-until-count').fill('5');
  await page.getByTestId('action-ignore-until').click();
  await expect(page.getByTestId('detail-status')).toHaveText('Ignored');
  await expect(page.getByTestId('ignore-until-badge')).toHaveText('until 5 more events');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/issues$/);
  // `/` from any view jumps to the issue search.
  await page.goto(issueUrl);
  await expect(page.getByTestId('issue-detail-title')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('a real @sentry/browser error: frames, breadcrumbs, request URL, user; replay link arriving', async ({ page, browser, server }) => {
  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, `
    function totalOf(cart) { return cart.lines.reduce(function (a, l) { return a + l.price; }, 0); }
    Sentry.setUser({ id: 'web-7', email: 'grace@example.com' });
    Sentry.setTag('plan', 'pro');
    // As after a buffered replay that was never uploaded: the id exists, the recording does not.
    Sentry.setContext('replay', { replay_id: '0123456789abcdef0123456789abcdef' });
    Sentry.addBreadcrumb({ category: 'cart', message: 'added sku-1', level: 'info' });
    document.getElementById('pay').addEventListener('click', function onPay() { totalOf({}); });
    document.getElementById('pay').click();
  `, { replaysSessionSampleRate: 0 });
  await app.close();
  await openOnlyIssue(page, server.url);

  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError');
  await expect(page.getByTestId('unhandled-badge')).toHaveText('Unhandled');
  await expect(page.getByTestId('tag-row').filter({ hasText: 'handled' })).toContainText('no');
  const frames = page.getByTestId('exception').first().getByTestId('frame');
  await expect(frames.first().getByTestId('frame-function')).toHaveText('totalOf');
  await expect(frames.first().getByTestId('frame-file')).toContainText('/static/app.js');
  await expect(page.getByTestId('breadcrumb').filter({ hasText: 'added sku-1' })).toBeVisible();
  await expect(page.getByTestId('breadcrumb').filter({ hasText: 'ui.click' })).toBeVisible();
  await expect(page.getByTestId('request-line')).toContainText('/checkout?step=2');
  await expect(page.getByTestId('user-table')).toContainText('grace@example.com');
  await expect(page.getByTestId('tag-row').filter({ hasText: 'plan' })).toContainText('pro');
  await expect(page.getByTestId('contexts')).toContainText('Culture');
  // The error is seconds old: its replay may still come (the link appears live when it does).
  await expect(page.getByTestId('replay-link')).toContainText('Replay arriving…');
  await expect(page.getByTestId('replay-link').getByRole('link')).toHaveCount(0);
});

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('attachments are previewed (image, text) and the grouping explanation is shown', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  await captureCheckoutFailure(node, {
    attachments: [
      { filename: 'screen.png', data: new Uint8Array(ONE_PIXEL_PNG), contentType: 'image/png' },
      { filename: 'debug.log', data: 'line one\nline two: cart was empty\n', contentType: 'text/plain' },
    ],
  });
  await node.flush();
  await openOnlyIssue(page, server.url);

  const attachments = page.getByTestId('attachment');
  await expect(attachments).toHaveCount(2);
  const image = page.getByTestId('attachment-image');
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^blob:/);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(page.getByTestId('attachment-text')).toContainText('line two: cart was empty');

  await page.getByTestId('grouping').getByRole('button', { name: 'Grouping' }).click();
  const variants = page.getByTestId('grouping-variant');
  await expect(variants.first()).toContainText('contributes');
  await expect(page.getByTestId('grouping-node').filter({ hasText: 'firstPrice' }).first()).toBeVisible();
});

test('a minified browser error is shown with its original source, and the minified frames on demand', async ({ page, browser, server }) => {
  // A real bundle: TypeScript source → minified IIFE + source map, as a production build ships it.
  const root = mkdtempSync(join(tmpdir(), 'lookout-ui-maps-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'cart-total.ts'), [
    'interface Line { price: number }',
    'export function cartTotal(lines: Line[] | undefined): number {',
    '  return lines!.reduce((sum, line) => sum + line.price, 0);',
    '}',
    "document.getElementById('pay')!.addEventListener('click', () => cartTotal(undefined));",
    "document.getElementById('pay')!.click();",
    '',
  ].join('\n'));
  await build({ entryPoints: [join(root, 'src', 'cart-total.ts')], bundle: true, minify: true, sourcemap: true, format: 'iife', outfile: join(root, 'static', 'app.js'), logLevel: 'silent' });
  const settings = await (await fetch(`${server.url}/_lookout/api/settings`)).json() as Record<string, unknown>;
  const saved = await fetch(`${server.url}/_lookout/api/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...settings, sourceRoots: [root] }) });
  expect(saved.ok).toBe(true);

  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, readFileSync(join(root, 'static', 'app.js'), 'utf8'), {},
    { '/static/app.js.map': readFileSync(join(root, 'static', 'app.js.map'), 'utf8') });
  await app.close();
  await openOnlyIssue(page, server.url);

  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-file')).toContainText('cart-total.ts:3');
  await expect(top.getByTestId('frame-function')).toContainText('cartTotal');
  await expect(top.locator('[data-testid="context-line"][data-error="true"]')).toContainText('lines!.reduce(');

  await page.getByTestId('toggle-minified').click();
  await expect(page.getByTestId('toggle-minified')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('exception').first().getByTestId('frame').first().getByTestId('frame-file')).toContainText('/static/app.js:1');
});
