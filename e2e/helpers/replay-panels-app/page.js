/*
 * The recorded app for the replay Console / Network / feedback spec: real @sentry/browser with
 * Session Replay capturing the details of `/api/orders` (networkDetailAllowUrls), sending to the
 * Lookout under test (DSN in the `dsn` query parameter). Bundled by server.ts with esbuild.
 */
import * as Sentry from '@sentry/browser';

const params = new URL(window.location.href).searchParams;

Sentry.init({
  dsn: params.get('dsn'),
  release: 'replay-panels-e2e@1.0.0',
  replaysSessionSampleRate: 1.0,
  replaysOnErrorSampleRate: 1.0,
  integrations: [
    Sentry.replayIntegration({
      maskAllText: false, maskAllInputs: false, blockAllMedia: false, minReplayDuration: 0, flushMinDelay: 1500, flushMaxDelay: 2000,
      networkDetailAllowUrls: [`${window.location.origin}/api/orders`],
      networkRequestHeaders: ['X-Shop-Trace'],
      networkResponseHeaders: ['X-Orders-Count'],
    }),
  ],
});

document.getElementById('load').addEventListener('click', async () => {
  const response = await fetch('/api/orders?user=17', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shop-Trace': 'trace-e2e-1' }, body: JSON.stringify({ page: 1 }),
  });
  const body = await response.json();
  document.getElementById('status').textContent = `Loaded ${body.orders.length} orders`;
  console.log('Orders loaded', { count: body.orders.length });
  console.error('Order 3 has no price');
});

document.getElementById('feedback').addEventListener('click', () => {
  Sentry.captureFeedback({ message: 'The third order shows no price', name: 'Dana Dev', email: 'dana@shop.invalid' });
  document.getElementById('status').textContent = 'Thanks for the feedback';
});
