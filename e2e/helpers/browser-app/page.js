/*
 * The recorded app: real @sentry/browser with Session Replay, sending to the Lookout under test
 * (DSN in the `dsn` query parameter). Bundled by server.ts with esbuild.
 */
import * as Sentry from '@sentry/browser';

const params = new URL(window.location.href).searchParams;
const dsn = params.get('dsn');

Sentry.init({
  dsn,
  release: 'replay-e2e@1.0.0',
  environment: 'e2e',
  // `?mode=buffer`: only replaysOnErrorSampleRate, as Sentry recommends in production (the replay is sent after its error).
  replaysSessionSampleRate: params.get('mode') === 'buffer' ? 0 : 1.0,
  replaysOnErrorSampleRate: 1.0,
  integrations: [
    // Short flush delays keep the test quick while still giving each step its own segment.
    Sentry.replayIntegration({ maskAllText: false, maskAllInputs: false, blockAllMedia: false, minReplayDuration: 0, flushMinDelay: 2000, flushMaxDelay: 2500 }),
  ],
});
Sentry.setUser({ id: 'e2e-user', email: 'ada@example.invalid' });

document.getElementById('next').addEventListener('click', () => {
  console.log('Replay e2e: continue');
  document.getElementById('step').hidden = false;
});

document.getElementById('crash').addEventListener('click', async () => {
  document.getElementById('status').textContent = 'Paying now, please wait';
  console.warn('Replay e2e: paying');
  window.history.pushState({}, '', '/checkout/pay');
  await fetch('/api/pay', { method: 'POST', body: 'amount=42' });
  throw new Error('Replay e2e: payment failed');
});
