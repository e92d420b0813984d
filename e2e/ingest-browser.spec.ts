import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';

test('a real @sentry/browser error reaches the live UI without reload (query auth, CORS, text/plain)', async ({ browser, server }) => {
  const ui = await browser.newPage();
  await ui.goto(`${server.url}/#/stream`);
  await expect(ui.getByText('Live')).toBeVisible();

  const app = await browser.newPage();
  const requests: { url: string; contentType: string | null; status: number; acao: string | null }[] = [];
  app.on('response', (res) => {
    if (res.url().includes('/envelope/')) {
      requests.push({ url: res.url(), contentType: res.request().headers()['content-type'] ?? null, status: res.status(), acao: res.headers()['access-control-allow-origin'] ?? null });
    }
  });
  await runBrowserApp(app, server.dsn, "setTimeout(() => { throw new Error('Browser checkout exploded'); });");

  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    expect(new URL(r.url).searchParams.get('sentry_key')).toBe('lookout');
    expect(r.status).toBe(200);
    expect(r.acao).toBe('*');
  }
  await expect(ui.getByTestId('stream-row').filter({ hasText: 'Browser checkout exploded' })).toBeVisible();
  await ui.goto(`${server.url}/#/issues`);
  await expect(ui.getByTestId('issue-row').filter({ hasText: 'Browser checkout exploded' })).toBeVisible();
});
