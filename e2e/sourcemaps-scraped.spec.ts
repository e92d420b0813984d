/**
 * Zero-setup source maps: a page served by a dev server on a loopback port runs a minified
 * esbuild bundle whose `//# sourceMappingURL=app.js.map` points next to it, under real
 * @sentry/browser in Chromium. Lookout has NO source folder: it fetches the script and its map
 * from the dev server, as Sentry scrapes them, and the issue page shows the original frames.
 * Without the map (404) every frame says why, and how to fix it.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { bundleSdk } from './helpers/sentry-browser';
import { buildPricingBundle } from './helpers/pricing-app';



/** The user's dev server on 127.0.0.1: the page, the SDK, the bundle, and the map only when given. */
async function startDevServer(dsn: string, js: string, map: string | null): Promise<{ origin: string; server: Server }> {
  const sdk = await bundleSdk();
  const page = `<!doctype html><html><head><title>Shop</title><script src="/static/sentry.js"></script>
<script>window.__sent = 0; Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'shop@1.0.0', beforeSend(e) { window.__sent++; return e; } });</script></head>
<body><button id="pay">Pay</button><script src="/static/app.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/static/sentry.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
    else if (path === '/static/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (path === '/static/app.js.map' && map !== null) res.writeHead(200, { 'content-type': 'application/json' }).end(map);
    else if (path === '/checkout') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Opens the checkout, waits until the SDK has delivered its event, and closes the tab. */
async function throwInBrowser(tab: Page, origin: string): Promise<void> {
  await tab.goto(`${origin}/checkout`);
  await tab.waitForFunction(() => (globalThis as unknown as { __sent: number }).__sent > 0);
  const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
  expect(flushed).toBe(true);
  await tab.close();
}

let server: RunningServer;
let dev: { origin: string; server: Server } | null = null;
let shots: string;

test.beforeAll(() => {
  shots = 'test-results/sourcemaps-scraped';
  mkdirSync(shots, { recursive: true });
});
test.afterEach(async () => {
  if (dev) {
    dev.server.closeAllConnections();
    await new Promise<void>((resolve) => dev!.server.close(() => resolve()));
    dev = null;
  }
  await server.stop();
});

test('no source folder: the map is fetched from the dev server and the issue shows the original code', async ({ browser, page }) => {
  server = await startServer();
  const { js, map } = await buildPricingBundle();
  expect(js).toMatch(/\/\/# sourceMappingURL=app\.js\.map\s*$/);
  dev = await startDevServer(server.dsn, js, map);
  await throwInBrowser(await browser.newPage(), dev.origin);

  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError');
  const frames = page.getByTestId('exception').first().getByTestId('frame');
  const top = frames.first();
  await expect(top.getByTestId('frame-function')).toHaveText('lineTotal');
  await expect(top.getByTestId('frame-file')).toHaveText(/^src\/pricing\.js:3:/); // `../../src/pricing.js` less the climb (mapped-file-label.ts)
  await expect(top.locator('[data-testid="context-line"][data-error="true"]')).toContainText('const unit = line.price.amount;');
  await expect(page.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  await expect(page.getByTestId('unmapped-summary')).toHaveCount(0);
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/mapped-from-dev-server.png` });
});

test('the map is missing (404): each frame says why, and the fix links to Settings', async ({ browser, page }) => {
  server = await startServer();
  const { js } = await buildPricingBundle();
  dev = await startDevServer(server.dsn, js, null);
  await throwInBrowser(await browser.newPage(), dev.origin);

  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-file')).toContainText('/static/app.js:');
  const why = top.getByTestId('frame-sourcemap-error');
  await expect(why).toHaveText(`Not source-mapped: could not fetch source map ${dev.origin}/static/app.js.map: HTTP 404`);
  await expect(why).toHaveAttribute('data-kind', 'fetch-failed');
  const summary = page.getByTestId('unmapped-summary');
  await expect(summary).toContainText('The script or its map could not be fetched');
  await expect(summary).toContainText('serves the map next to the script');
  await expect(page.getByTestId('processing-errors')).toContainText(`${dev.origin}/static/app.js.map: HTTP 404`);
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/map-missing.png` });
  await summary.getByTestId('unmapped-summary-settings').first().click();
  await expect(page).toHaveURL(/#\/settings$/);
  // Setup says where maps come from before any event does.
  await page.goto(`${server.url}/#/setup`);
  await expect(page.getByTestId('setup-sourcemaps')).toContainText('fetches each script and its source map from localhost and from the hosts listed in Settings');
});
