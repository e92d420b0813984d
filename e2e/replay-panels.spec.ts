import type { FeedbackPage, ReplayRecording } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { readApi } from './helpers/read-api';
import { openShop } from './helpers/replay-panels-app/open-shop';
import { ORDERS_BODY, startPanelsApp, type PanelsApp } from './helpers/replay-panels-app/server';

/**
 * The replay player's Console and Network tabs and a feedback inside a replay, end to end: a real
 * @sentry/browser page (replay with networkDetailAllowUrls) fetches a loopback JSON endpoint, logs,
 * and sends feedback with captureFeedback; Lookout shows each where Sentry's replay player does.
 */

let app: PanelsApp;
test.beforeAll(async () => { app = await startPanelsApp(); });
test.afterAll(async () => { await app.close(); });

test('Console and Network tabs list what the page logged and fetched, and its feedback shows in the replay', async ({ server, browser }, testInfo) => {
  test.setTimeout(120_000);
  const { context, shop, traffic } = await openShop(browser, app, server);
  await shop.click('#load');
  await expect(shop.locator('#status')).toHaveText('Loaded 3 orders');
  await shop.click('#feedback');
  await expect(shop.locator('#status')).toHaveText('Thanks for the feedback');
  // Five clicks on a button that never reacts: after the SDK's 7 s timeout, one dead click that is also a rage click.
  await shop.click('#dead', { clickCount: 5 });
  // Stored: the segments with the request, the logs, the feedback and the slow-click breadcrumbs, and the feedback itself.
  await expect.poll(() => ['/api/orders', 'Order 3 has no price', 'sentry.feedback', 'ui.slowClickDetected']
    .every((needle) => traffic.segments.some((s) => s.text.includes(needle))), { timeout: 30_000 }).toBe(true);
  let feedbackId = 0;
  await expect.poll(async () => {
    const found = (await readApi<FeedbackPage>(server.url, 'feedback')).items.find((f) => f.message === 'The third order shows no price');
    feedbackId = found?.id ?? 0;
    return found?.replayId ?? null;
  }, { timeout: 30_000 }).toBe(traffic.replayId);
  const replayId = traffic.replayId ?? '';

  // The API gives the panels what the SDK sent.
  const recording = await readApi<ReplayRecording>(server.url, `replays/${replayId}/recording`);
  const orders = recording.network?.find((n) => n.url.includes('/api/orders'));
  expect(orders).toMatchObject({ op: 'resource.fetch', method: 'POST', statusCode: 200 });
  expect(JSON.parse(orders?.response?.body ?? 'null')).toEqual(ORDERS_BODY);
  expect(orders?.request?.headers['x-shop-trace']).toBe('trace-e2e-1');
  expect(recording.console?.map((c) => c.level)).toEqual(expect.arrayContaining(['log', 'error']));
  const feedbackMarker = recording.markers.find((m) => m.kind === 'feedback');
  expect(feedbackMarker).toMatchObject({ label: 'The third order shows no price', feedbackId });
  const startMs = recording.startMs ?? 0;

  const ui = await context.newPage();
  await ui.setViewportSize({ width: 1440, height: 900 });
  await ui.goto(`${server.url}/#/replays/${replayId}`);
  const slider = ui.getByTestId('replay-timeline');

  // Breadcrumbs: the feedback reads "User Feedback" with its message and links to the feedback item.
  const feedbackCrumb = ui.locator('[data-testid="replay-breadcrumb"][data-kind="feedback"]');
  await expect(feedbackCrumb).toContainText('User Feedback');
  await expect(feedbackCrumb).toContainText('The third order shows no price');
  await expect(feedbackCrumb).not.toContainText('sentry.feedback');
  await expect(ui.getByTestId('replay-feedback-link')).toHaveAttribute('href', `#/feedback?id=${feedbackId}`);
  await expect(ui.locator('[data-testid="timeline-marker"][data-kind="feedback"]')).toHaveCount(1);
  // The header counts the dead and rage clicks as Sentry's does.
  expect(recording.markers.filter((m) => m.frustration === 'rage')).toHaveLength(1);
  await expect(ui.getByTestId('replay-meta')).toContainText(/Dead clicks\s*1/);
  await expect(ui.getByTestId('replay-meta')).toContainText(/Rage clicks\s*1/);

  // Console: both calls with their levels and arguments (the object as JSON), filtered by level, searched, seeking the player.
  await ui.getByTestId('replay-tab-console').click();
  const consoleRows = ui.getByTestId('replay-console-row');
  await expect(consoleRows.filter({ hasText: 'Orders loaded' })).toContainText('"count": 3');
  await expect(consoleRows.filter({ hasText: 'Order 3 has no price' })).toHaveAttribute('data-level', 'error');
  await ui.getByTestId('replay-console-level').selectOption('error');
  await expect(consoleRows).toHaveCount(1);
  await expect(consoleRows).toContainText('Order 3 has no price');
  await ui.getByTestId('replay-console-level').selectOption('');
  await ui.getByTestId('replay-console-search').fill('orders loaded');
  await expect(consoleRows).toHaveCount(1);
  const logRow = consoleRows.first();
  await logRow.click();
  await expect(slider).toHaveAttribute('aria-valuenow', (await logRow.getAttribute('data-offset')) ?? 'none');
  await expect(logRow.locator('xpath=..')).toHaveClass(/active/);

  // Network: the request with its status, then its details with the response body and headers as sent.
  await ui.getByTestId('replay-tab-network').click();
  const ordersRow = ui.getByTestId('replay-network-row').filter({ hasText: '/api/orders?user=17' });
  await expect(ordersRow).toContainText('200');
  await expect(ordersRow).toContainText('POST');
  await expect(ordersRow).toContainText('fetch');
  await ordersRow.click();
  const expectedOffset = String(Math.round(Math.max(0, (orders?.timestamp ?? 0) - startMs)));
  await expect(slider).toHaveAttribute('aria-valuenow', expectedOffset);
  const details = ui.getByTestId('replay-network-details');
  await expect(details.getByTestId('replay-network-response-body')).toContainText('"total": null');
  await expect(details.getByTestId('replay-network-response-headers')).toContainText('x-orders-count');
  await expect(details.getByTestId('replay-network-request-headers')).toContainText('trace-e2e-1');
  await expect(details.getByTestId('replay-network-request-body')).toContainText('"page": 1');
  await ui.screenshot({ path: testInfo.outputPath('replay-network-details.png') });
  // A page load has no captured details, and says why.
  await ui.getByTestId('replay-network-type').selectOption('navigation');
  await ui.getByTestId('replay-network-row').first().click();
  await expect(details).toContainText('only for fetch and XHR requests');

  // The feedback item embeds the replay, opened just before the feedback was sent.
  await ui.goto(`${server.url}/#/feedback?id=${feedbackId}`);
  const embed = ui.getByTestId('feedback-replay');
  await expect(embed.frameLocator('[data-testid="replay-host"] iframe').getByText('Load orders')).toBeVisible();
  const feedbackAt = Math.round(Math.max(0, (feedbackMarker?.timestamp ?? 0) - 5000 - startMs));
  await expect(embed.getByTestId('replay-timeline')).toHaveAttribute('aria-valuenow', String(Math.min(feedbackAt, Math.round(recording.durationMs))));
  // Both links open the full replay at the moment the feedback was sent.
  const atFeedback = `#/replays/${replayId}?t=${Math.round(feedbackMarker?.timestamp ?? 0)}`;
  await expect(embed.getByTestId('feedback-replay-open')).toHaveAttribute('href', atFeedback);
  await expect(ui.getByTestId('feedback-replay-link')).toHaveAttribute('href', atFeedback);
  await ui.screenshot({ path: testInfo.outputPath('feedback-replay.png') });
  await context.close();
});
