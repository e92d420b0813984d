/**
 * Real @sentry/browser in Chromium: a tiny app server on 127.0.0.1 serves a page that loads
 * the SDK bundle (built once with esbuild) and an app script, which then throws. The SDK sends
 * to Lookout cross-origin, as a real web app on another port would. (A loopback app origin is
 * needed: Chromium denies a public origin access to the loopback address space.)
 * @see https://docs.sentry.io/platforms/javascript/
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';

let sdkBundle: Promise<string> | null = null;

/** @sentry/browser as one script that sets `window.Sentry` (built once per run). */
export function bundleSdk(): Promise<string> {
  sdkBundle ??= build({
    stdin: { contents: "import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;", resolveDir: process.cwd(), loader: 'js' },
    bundle: true, format: 'iife', write: false, minify: false, platform: 'browser', logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return sdkBundle;
}

function page(dsn: string, init: Record<string, unknown>): string {
  const initJson = JSON.stringify({ dsn, release: 'web@2.0.0', environment: 'staging', ...init });
  return `<!doctype html><html><head><title>Shop</title><script src="/static/sentry.js"></script>
<script>window.__sent = 0; Sentry.init(Object.assign(${initJson}, { beforeSend(e) { window.__sent++; return e; } }));</script></head>
<body><button id="pay">Pay</button><script src="/static/app.js"></script></body></html>`;
}

/**
 * Serves the app with `appScript` (plain JS, runs after `Sentry.init`) as `/static/app.js`
 * (plus `extraFiles` by path, e.g. a source map), opens `/checkout?step=2` in `tab`, and waits
 * until the SDK has delivered its envelopes.
 */
export async function runBrowserApp(
  tab: Page, dsn: string, appScript: string, init: Record<string, unknown> = {}, extraFiles: Record<string, string> = {},
): Promise<void> {
  const sdk = await bundleSdk();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const extra = extraFiles[path];
    const [type, body] = extra !== undefined ? ['application/json', extra]
      : path === '/static/sentry.js' ? ['text/javascript', sdk]
      : path === '/static/app.js' ? ['text/javascript', appScript] : ['text/html', page(dsn, init)];
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await tab.goto(`http://127.0.0.1:${port}/checkout?step=2`);
    // These run inside the page, where `globalThis` is the app's window.
    await tab.waitForFunction(() => (globalThis as unknown as { __sent: number }).__sent > 0);
    const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
    if (!flushed) throw new Error('@sentry/browser did not flush within 10 s');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
