/**
 * Source maps beyond localhost, and original sources a map does not embed, under real
 * @sentry/browser in Chromium and `lookout serve` (its prepare worker), with no Source folder:
 * - the minified esbuild bundle is served from this machine's non-loopback address (a dev server
 *   reached on the LAN): its frames say the host is not allowed and name the setting; once the
 *   host is added in Settings, the reloaded issue page shows the original file, function and code;
 * - a map built with `sourcesContent: false` served from loopback: the context lines come from
 *   the original source fetched next to the map, as Sentry fetches it; when that source is not
 *   served, the frame says why it has no context lines.
 * The page itself is on 127.0.0.1 (Chromium denies a public origin access to loopback, where
 * Lookout listens); the bundle is a cross-origin script with CORS, as from a CDN or a LAN box.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { bundleSdk } from './helpers/sentry-browser';
import { buildPricingBundle, MAIN, PRICING } from './helpers/pricing-app';

const SOURCES: Record<string, string> = { '/src/pricing.js': PRICING, '/src/main.js': MAIN };

/** This machine's first non-loopback IPv4 address, standing in for a dev box on the LAN. */
const LAN = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address ?? null;


interface Dev { origin: string; server: Server; requests: string[] }
const devs: Dev[] = [];

/** A server on `host` answering `routes` (path → [content type, body]), CORS open, counting requests. */
async function serve(host: string, routes: Record<string, [string, string]>): Promise<Dev> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (route) res.writeHead(200, { 'content-type': route[0], 'access-control-allow-origin': '*' }).end(route[1]);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const dev = { origin: `http://${host}:${(server.address() as AddressInfo).port}`, server, requests };
  devs.push(dev);
  return dev;
}

/** The shop page on 127.0.0.1 with the SDK, running the bundle from `scriptOrigin`. */
async function servePage(dsn: string, scriptOrigin: string): Promise<Dev> {
  const page = `<!doctype html><html><head><title>Shop</title><script src="/static/sentry.js"></script>
<script>window.__sent = 0; Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'shop@1.0.0', beforeSend(e) { window.__sent++; return e; } });</script></head>
<body><button id="pay">Pay</button><script crossorigin="anonymous" src="${scriptOrigin}/static/app.js"></script></body></html>`;
  return serve('127.0.0.1', { '/static/sentry.js': ['text/javascript', await bundleSdk()], '/checkout': ['text/html', page] });
}

/** Opens the checkout, waits until the SDK has delivered its event, and closes the tab. */
async function throwInBrowser(tab: Page, origin: string): Promise<void> {
  await tab.goto(`${origin}/checkout`);
  await tab.waitForFunction(() => (globalThis as unknown as { __sent: number }).__sent > 0);
  const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
  expect(flushed).toBe(true);
  await tab.close();
}

async function openIssue(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError');
}

let server: RunningServer;
const shots = 'test-results/sourcemaps-fetch-hosts';

test.beforeAll(() => { mkdirSync(shots, { recursive: true }); });
test.afterEach(async () => {
  for (const dev of devs.splice(0)) {
    dev.server.closeAllConnections();
    await new Promise<void>((resolve) => dev.server.close(() => resolve()));
  }
  await server.stop();
});

test('a dev server on another host: not fetched until the host is added in Settings, then the issue shows the original code', async ({ browser, page }) => {
  test.skip(LAN === null, 'this machine has no non-loopback IPv4 interface to serve the bundle from');
  server = await startServer();
  const { js, map } = await buildPricingBundle(true);
  const lan = await serve(LAN!, { '/static/app.js': ['text/javascript', js], '/static/app.js.map': ['application/json', map] });
  const host = new URL(lan.origin).host;
  await throwInBrowser(await browser.newPage(), (await servePage(server.dsn, lan.origin)).origin);

  await openIssue(page, server);
  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-file')).toContainText(`${host}/static/app.js:`);
  const why = top.getByTestId('frame-sourcemap-error');
  await expect(why).toHaveAttribute('data-kind', 'host-not-allowed');
  await expect(why).toContainText(`${host} is not on this machine`);
  await expect(why).toContainText('"Also fetch scripts and source maps from these hosts"');
  const summary = page.getByTestId('unmapped-summary');
  await expect(summary).toContainText('add this host there');
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/host-not-allowed.png` });
  // Nothing was asked of the LAN host but the browser's own script request.
  expect(lan.requests.filter((p) => p.endsWith('.map'))).toEqual([]);

  await summary.getByTestId('unmapped-summary-settings').first().click();
  await expect(page).toHaveURL(/#\/settings$/);
  const hosts = page.getByTestId('setting-fetch-hosts');
  await hosts.fill('not a host!');
  await expect(page.getByTestId('setting-fetch-hosts-error')).toContainText('is not a host name');
  await hosts.fill(lan.origin);
  await expect(page.getByTestId('setting-fetch-hosts-error')).toHaveCount(0);
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(hosts).toHaveValue(host);
  await page.locator('.settings-view form').screenshot({ path: `${shots}/settings-hosts.png` });

  await page.goBack();
  await page.reload();
  const mapped = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(mapped.getByTestId('frame-function')).toHaveText('lineTotal');
  await expect(mapped.getByTestId('frame-file')).toHaveText(/^src\/pricing\.js:3:/); // `../../src/pricing.js` less the climb (mapped-file-label.ts)
  await expect(mapped.locator('[data-testid="context-line"][data-error="true"]')).toContainText('const unit = line.price.amount;');
  await expect(page.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  expect(lan.requests).toContain('/static/app.js.map');
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/mapped-from-lan-host.png` });
});

test('a map without sourcesContent: the context lines come from the original source fetched next to it', async ({ browser, page }) => {
  server = await startServer();
  const { js, map } = await buildPricingBundle(false);
  expect(JSON.parse(map)).not.toHaveProperty('sourcesContent');
  const dev = await serve('127.0.0.1', {
    '/static/app.js': ['text/javascript', js], '/static/app.js.map': ['application/json', map],
    ...Object.fromEntries(Object.entries(SOURCES).map(([path, text]) => [path, ['text/javascript', text]])),
  });
  await throwInBrowser(await browser.newPage(), (await servePage(server.dsn, dev.origin)).origin);

  await openIssue(page, server);
  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-function')).toHaveText('lineTotal');
  await expect(top.locator('[data-testid="context-line"][data-error="true"]')).toContainText('const unit = line.price.amount;');
  await expect(page.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  // The map names ../../src/pricing.js next to /static/app.js.map: fetched at /src/pricing.js.
  expect(dev.requests).toContain('/src/pricing.js');
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/context-from-fetched-source.png` });
});

test('a map without sourcesContent whose sources are not served: the frame says why it has no context lines', async ({ browser, page }) => {
  server = await startServer();
  const { js, map } = await buildPricingBundle(false);
  const dev = await serve('127.0.0.1', { '/static/app.js': ['text/javascript', js], '/static/app.js.map': ['application/json', map] });
  await throwInBrowser(await browser.newPage(), (await servePage(server.dsn, dev.origin)).origin);

  await openIssue(page, server);
  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-function')).toHaveText('lineTotal');
  const why = top.getByTestId('frame-source-context-error');
  await expect(why).toHaveText(`No source context: could not fetch original source ${dev.origin}/src/pricing.js: HTTP 404`);
  await expect(why).toHaveAttribute('data-kind', 'fetch-failed');
  await expect(why).toHaveAttribute('title', /sourcesContent/);
  await expect(top.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  await page.getByTestId('exception-chain').screenshot({ path: `${shots}/no-source-context.png` });
});
