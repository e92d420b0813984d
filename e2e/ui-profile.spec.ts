import type { ProfileResponse } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { formatMs } from '../src/renderer/src/lib/flame-layout';
import { test, expect } from './fixtures';
import { runProfiledApp } from './helpers/sentry-browser-profile';

const BUSY_MS = 600;

test('a real browser profile opens from its trace, its transaction\'s event page and the Stream as a flame graph and a functions table', async ({ page, browser, server }) => {
  const app = await browser.newPage();
  const { traceId } = await runProfiledApp(app, server.dsn, BUSY_MS);
  await app.close();
  // The chunk is sent once the profiler stops after the span: wait for it to be stored.
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}/_lookout/api/${path}`)).json()) as T;
  await expect.poll(async () => (await api<Page<ItemSummary>>('items')).items.some((i) => i.kind === 'profile_chunk'), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await fetch(`${server.url}/_lookout/api/traces/${traceId}/profile`)).status, { timeout: 20_000 }).toBe(200);
  const profile = await api<ProfileResponse>(`traces/${traceId}/profile`);
  const nameOf = (frame: number) => profile.frames[frame]!.name;
  const main = profile.threads[0]!;
  const render = main.functions.find((f) => nameOf(f.frame) === 'renderCheckout')!;
  const quote = main.functions.find((f) => nameOf(f.frame) === 'computeShippingQuote')!;
  // The busy loop ran 600 ms in renderCheckout; a 10 ms sampler on a busy CI machine sees much of it.
  expect(render.totalMs).toBeGreaterThan(BUSY_MS * 0.4);
  expect(render.totalMs).toBeLessThan(BUSY_MS * 1.5);
  expect(quote.totalMs).toBeLessThanOrEqual(render.totalMs);
  expect(quote.selfMs).toBeGreaterThan(BUSY_MS * 0.25);

  // From the trace: its Profile link opens the continuous profile.
  await page.goto(`${server.url}/#/traces/${traceId}`);
  await page.getByTestId('trace-profile-link').click();
  await expect(page).toHaveURL(new RegExp(`#/profiles/trace/${traceId}$`));
  const graph = page.getByTestId('flame-graph');
  await expect(graph.getByTestId('flame-box').filter({ hasText: 'computeShippingQuote' }).first()).toBeVisible();
  const rows = page.getByTestId('profile-function-row');
  const renderRow = rows.filter({ has: page.getByTestId('function-name').getByText('renderCheckout', { exact: true }) });
  await expect(renderRow.getByTestId('function-total')).toContainText(formatMs(render.totalMs));
  const quoteRow = rows.filter({ has: page.getByTestId('function-name').getByText('computeShippingQuote', { exact: true }) });
  await expect(quoteRow.getByTestId('function-self')).toContainText(formatMs(quote.selfMs));

  // Sorting by total puts the outermost frames first; hovering a box tells its times.
  await page.getByTestId('sort-totalMs').click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Total');
  const box = graph.getByTestId('flame-box').filter({ hasText: 'renderCheckout' }).first();
  await box.hover();
  await expect(page.getByTestId('flame-facts-name')).toHaveText('renderCheckout');
  await expect(page.getByTestId('flame-facts-total')).toHaveText(formatMs(render.totalMs));
  // Keyboard: Enter zooms into the focused box, Escape zooms back out.
  await box.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flame-path-item').last()).toHaveText('renderCheckout');
  await expect(page.getByTestId('flame-path-item').last()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('flame-path-item').last()).not.toHaveText('renderCheckout');
  await page.getByTestId('profile-title').scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
    await page.screenshot({ path: `test-results/ui-screens/profile-${theme}.png` });
  }

  // From a transaction's event page (the SDK sends one with `traceLifecycle: 'static'`): its Profile
  // button opens its profiler's chunks cut to its time.
  const staticApp = await browser.newPage();
  await runProfiledApp(staticApp, server.dsn, BUSY_MS, 'static');
  await staticApp.close();
  const transactionOf = async () => (await api<Page<ItemSummary>>('items')).items.find((i) => i.kind === 'transaction' && i.title.includes('checkout render'));
  await expect.poll(transactionOf, { timeout: 20_000 }).toBeTruthy();
  const tx = (await transactionOf())!;
  await expect.poll(async () => (await api<{ chunkCount: number }>(`events/${tx.eventId}/profiles`)).chunkCount, { timeout: 20_000 }).toBeGreaterThan(0);
  const txProfile = await api<ProfileResponse>(`profiles/events/${tx.eventId}`);
  expect(txProfile.source.kind).toBe('chunks');
  const txRender = txProfile.threads[0]!.functions.find((f) => txProfile.frames[f.frame]!.name === 'renderCheckout')!;
  expect(txRender.totalMs).toBeGreaterThan(BUSY_MS * 0.4);
  expect(txRender.totalMs).toBeLessThan(BUSY_MS * 1.5);
  await page.goto(`${server.url}/#/events/${tx.eventId}`);
  await expect(page.getByTestId('event-profile-link')).toHaveAttribute('data-kind', 'chunks');
  await page.getByTestId('event-profile-link').click();
  await expect(page).toHaveURL(new RegExp(`#/profiles/event/${tx.eventId}$`));
  await expect(graph.getByTestId('flame-box').filter({ hasText: 'computeShippingQuote' }).first()).toBeVisible();
  await expect(page.getByTestId('profile-back-event')).toHaveAttribute('href', `#/events/${tx.eventId}`);

  // A transaction nothing profiled gets no button once its lookup has answered.
  const plain = 'f'.repeat(32);
  const now = Date.now() / 1000;
  const event = { event_id: plain, type: 'transaction', transaction: 'unprofiled', start_timestamp: now - 1, timestamp: now, platform: 'javascript',
    contexts: { trace: { trace_id: 'e'.repeat(32), span_id: 'd'.repeat(16), op: 'ui.render' } }, spans: [] };
  const sent = await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST',
    body: `${JSON.stringify({ event_id: plain })}\n{"type":"transaction"}\n${JSON.stringify(event)}\n` });
  expect(sent.status).toBe(200);
  const answered = page.waitForResponse((r) => r.url().endsWith(`/events/${plain}/profiles`));
  await page.goto(`${server.url}/#/events/${plain}`);
  expect((await (await answered).json()) as unknown).toEqual({ profileItemSeq: null, profilerId: null, chunkCount: 0 });
  await expect(page.getByTestId('event-title')).toHaveText('unprofiled');
  await expect(page.getByTestId('event-profile-link')).toHaveCount(0);

  // From the Stream: the chunk's row opens the same chunk as a profile.
  await page.goto(`${server.url}/#/stream`);
  await page.locator('[data-testid="stream-row"][data-kind="profile_chunk"]').first().getByRole('link').click();
  await expect(page).toHaveURL(/#\/profiles\/item\/\d+$/);
  await expect(page.getByTestId('profile-function-row').getByTestId('function-name').getByText('computeShippingQuote', { exact: true })).toBeVisible();
});
