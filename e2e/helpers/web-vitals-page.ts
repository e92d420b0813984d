/**
 * A real @sentry/browser page load with `browserTracingIntegration` (span streaming, the SDK's
 * default) that produces every web vital by its content: a large hero paragraph (LCP), a banner
 * inserted above it once painted (CLS), a click whose handler blocks the main thread (INP). The
 * page is then hidden, which makes the SDK report LCP, CLS and INP, and flushed.
 * Waits on markers the page sets from its own PerformanceObservers, never on time.
 * @see https://docs.sentry.io/platforms/javascript/tracing/instrumentation/automatic-instrumentation/
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { bundleSdk } from './sentry-browser';

/** How long the click handler blocks: INP over 500 ms is rated poor. */
export const CLICK_BLOCK_MS = 650;

function html(dsn: string): string {
  const init = JSON.stringify({ dsn, release: 'shop-web@1.0.0', environment: 'staging', tracesSampleRate: 1 });
  return `<!doctype html><html><head><title>Product 42</title><script src="/static/sentry.js"></script>
<script>
window.__marks = {};
for (const type of ['largest-contentful-paint', 'layout-shift', 'event']) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (type !== 'event' || e.interactionId > 0) window.__marks[type] = true;
  }).observe({ type, buffered: true, ...(type === 'event' ? { durationThreshold: 16 } : {}) });
}
Sentry.init(Object.assign(${init}, { integrations: [Sentry.browserTracingIntegration()] }));
// The page load is the only root span here (a streamed span's JSON has its op among its attributes).
Sentry.getClient().on('spanEnd', (span) => { if (!Sentry.spanToJSON(span).parent_span_id) window.__marks.pageloadEnded = true; });
</script></head>
<body><div id="slot"></div><p id="hero" style="font-size:40px">Product 42: a large paragraph of hero text, the largest contentful paint of this page.</p>
<button id="buy" type="button">Buy</button>
<script>
requestAnimationFrame(() => setTimeout(() => { document.getElementById('slot').innerHTML = '<div style="height:300px">Late banner</div>'; }, 50));
document.getElementById('buy').addEventListener('click', () => {
  const end = performance.now() + ${CLICK_BLOCK_MS}; while (performance.now() < end) { /* a slow handler */ }
  document.getElementById('buy').textContent = 'Bought';
});
</script></body></html>`;
}

const marked = (tab: Page, mark: string) =>
  tab.waitForFunction((m) => (globalThis as unknown as { __marks: Record<string, boolean> }).__marks[m] === true, mark);

/** Loads `/products/42`, clicks Buy once the page load has ended, hides the page and flushes the SDK. */
export async function runWebVitalsPage(tab: Page, dsn: string): Promise<void> {
  const sdk = await bundleSdk();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/static/sentry.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(sdk); return; }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html(dsn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await tab.goto(`http://127.0.0.1:${port}/products/42`);
    await marked(tab, 'largest-contentful-paint');
    await marked(tab, 'layout-shift');
    await marked(tab, 'pageloadEnded');
    await tab.click('#buy');
    await marked(tab, 'event');
    // The SDK reports LCP, CLS and INP when the page is hidden (as when the user leaves it).
    await tab.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
    if (!flushed) throw new Error('@sentry/browser did not flush within 10 s');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
