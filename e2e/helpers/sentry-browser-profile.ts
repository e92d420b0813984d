/**
 * Real @sentry/browser with `browserProfilingIntegration` (UI profiling, `profileLifecycle:
 * 'trace'`) in Chromium. JS Self-Profiling only starts in a document served with
 * `Document-Policy: js-profiling`, so this app server sends that header. The page runs one root
 * span doing busy work in named functions; the SDK sends the transaction and a `profile_chunk`.
 * @see https://docs.sentry.io/platforms/javascript/profiling/
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { bundleSdk } from './sentry-browser';


/** Busy for `ms` in `renderCheckout`, which spends its time in `computeShippingQuote`. */
const APP = (ms: number) => `
function computeShippingQuote(n) { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i) * Math.sin(i); return x; }
function renderCheckout(ms) { const end = performance.now() + ms; let r = 0; while (performance.now() < end) r += computeShippingQuote(20000); return r; }
window.__hasProfiler = typeof window.Profiler === 'function';
Sentry.startSpan({ name: 'checkout render', op: 'ui.render' }, (span) => {
  window.__traceId = span.spanContext().traceId;
  window.__result = renderCheckout(${ms});
});
window.__done = true;`;

/** `traceLifecycle`: 'stream' (the SDK's default) sends the root span as a span item, 'static' as a transaction event. */
type TraceLifecycle = 'stream' | 'static';

function page(dsn: string, traceLifecycle: TraceLifecycle): string {
  const init = JSON.stringify({ dsn, release: 'web@3.0.0', environment: 'staging', tracesSampleRate: 1, profileSessionSampleRate: 1, profileLifecycle: 'trace',
    traceLifecycle });
  return `<!doctype html><html><head><title>Profiled shop</title><script src="/static/sentry.js"></script>
<script>Sentry.init(Object.assign(${init}, { integrations: [Sentry.browserProfilingIntegration()] }));</script></head>
<body><p>checkout</p><script src="/static/app.js"></script></body></html>`;
}

/**
 * Serves `html` at /checkout with `Document-Policy: js-profiling`, the SDK bundle and `appJs` under
 * /static/, runs the page in `tab` until it sets `__done`, flushes the SDK and returns the root
 * span's trace id. The server closes after, so nothing can be fetched from it later.
 */
export async function runProfiledPage(tab: Page, appJs: string, html: string): Promise<{ traceId: string }> {
  const sdk = await bundleSdk();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/static/sentry.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(sdk); return; }
    if (path === '/static/app.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(appJs); return; }
    if (path !== '/checkout') { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html', 'document-policy': 'js-profiling' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await tab.goto(`http://127.0.0.1:${port}/checkout`);
    await tab.waitForFunction(() => (globalThis as unknown as { __done?: boolean }).__done === true);
    const state = await tab.evaluate(() => {
      const w = globalThis as unknown as { __hasProfiler: boolean; __traceId: string };
      return { hasProfiler: w.__hasProfiler, traceId: w.__traceId };
    });
    if (!state.hasProfiler) throw new Error('this Chromium has no JS Self-Profiling API (window.Profiler)');
    const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
    if (!flushed) throw new Error('@sentry/browser did not flush within 10 s');
    return { traceId: state.traceId };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Runs the profiled page in `tab` and returns the trace id of its root span. */
export function runProfiledApp(tab: Page, dsn: string, busyMs: number, traceLifecycle: TraceLifecycle = 'stream'): Promise<{ traceId: string }> {
  return runProfiledPage(tab, APP(busyMs), page(dsn, traceLifecycle));
}
