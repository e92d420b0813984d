/**
 * A page of a release: real @sentry/browser (`Sentry.init` with `release`, its default integrations,
 * so a session starts with the page load) served from another loopback origin, running `appScript`.
 * Resolves once the SDK has flushed what the page sent, so the caller waits on Lookout's answers, never on time.
 * @see https://docs.sentry.io/platforms/javascript/configuration/releases/
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { bundleSdk } from './sentry-browser';

export async function openReleasePage(tab: Page, dsn: string, release: string, appScript = ''): Promise<void> {
  const sdk = await bundleSdk();
  const init = JSON.stringify({ dsn, release, environment: 'production' });
  const html = `<!doctype html><html><head><title>Shop ${release}</title><script src="/static/sentry.js"></script>
<script>Sentry.init(${init});</script></head><body><h1>Shop</h1><script src="/static/app.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [type, body] = path === '/static/sentry.js' ? ['text/javascript', sdk] : path === '/static/app.js' ? ['text/javascript', appScript] : ['text/html', html];
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await tab.goto(`http://127.0.0.1:${port}/`);
    // Set by the app script once its error was thrown (the SDK's handler has run by then).
    if (appScript) await tab.waitForFunction(() => (globalThis as unknown as { __thrown?: boolean }).__thrown === true);
    const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
    if (!flushed) throw new Error('@sentry/browser did not flush within 10 s');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
