/**
 * A minified esbuild bundle (external map, debug id injected as the Sentry bundler plugins do)
 * doing busy work in named functions under real @sentry/browser's `browserProfilingIntegration`
 * in Chromium, so its `profile_chunk` names minified functions a source folder can map back.
 * JS Self-Profiling only starts in a document served with `Document-Policy: js-profiling`.
 * @see https://docs.sentry.io/platforms/javascript/profiling/
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { runProfiledPage } from './sentry-browser-profile';
import { buildDebugIdBundle } from './debug-id-bundle';

export const PROFILED_DEBUG_ID = '7d3f1e2a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

/** Busy for `window.__busyMs` in `renderCheckout`, which spends its time in `computeShippingQuote`. */
const SOURCE = [
  'export function computeShippingQuote(n) {',
  '  let x = 0;',
  '  for (let i = 0; i < n; i++) x += Math.sqrt(i) * Math.sin(i);',
  '  return x;',
  '}',
  '',
  'export function renderCheckout(ms) {',
  '  const end = performance.now() + ms;',
  '  let r = 0;',
  '  while (performance.now() < end) r += computeShippingQuote(20000);',
  '  return r;',
  '}',
  '',
  'window.__hasProfiler = typeof window.Profiler === "function";',
  "Sentry.startSpan({ name: 'checkout render', op: 'ui.render' }, (span) => {",
  '  window.__traceId = span.spanContext().traceId;',
  '  window.__result = renderCheckout(window.__busyMs);',
  '});',
  'window.__done = true;',
  '',
].join('\n');

/** Builds src/checkout.js into `<root>/dist/static/app.js` (+ .map), both carrying the debug id; returns the bundle's code. */
export async function buildProfiledBundle(root: string): Promise<string> {
  return readFileSync(await buildDebugIdBundle(root, { 'src/checkout.js': SOURCE }, 'src/checkout.js', PROFILED_DEBUG_ID), 'utf8');
}

function page(dsn: string, busyMs: number): string {
  const init = JSON.stringify({ dsn, release: 'web@4.0.0', tracesSampleRate: 1, profileSessionSampleRate: 1, profileLifecycle: 'trace', traceLifecycle: 'static' });
  return `<!doctype html><html><head><title>Profiled bundle</title><script src="/static/sentry.js"></script>
<script>window.__busyMs = ${busyMs}; Sentry.init(Object.assign(${init}, { integrations: [Sentry.browserProfilingIntegration()] }));</script></head>
<body><p>checkout</p><script src="/static/app.js"></script></body></html>`;
}

/** Runs the bundle in `tab` (its server closes after, so nothing can be fetched from it later); returns the root span's trace id. */
export function runProfiledBundle(tab: Page, dsn: string, appJs: string, busyMs: number): Promise<{ traceId: string }> {
  return runProfiledPage(tab, appJs, page(dsn, busyMs));
}
