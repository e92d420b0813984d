import type { ReplayRecording, ReplaySummary } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { readApi } from './helpers/read-api';
import { watchReplayTraffic } from './helpers/browser-app/replay-traffic';
import { openShop } from './helpers/replay-panels-app/open-shop';
import { startPanelsApp, type PanelsApp } from './helpers/replay-panels-app/server';

/**
 * The Replays list's Dead and Rage columns, as Sentry's: a real @sentry/browser page (replay
 * integration) whose user clicks a button that never reacts five times, beside a replay where
 * nobody clicked; the counts are stored as the segments arrive and the list sorts by them.
 */

let app: PanelsApp;
test.beforeAll(async () => { app = await startPanelsApp(); });
test.afterAll(async () => { await app.close(); });

test('the Replays list shows and sorts dead and rage clicks, the figures of the replay page', async ({ server, browser }, testInfo) => {
  test.setTimeout(120_000);
  const { context, shop, traffic } = await openShop(browser, app, server);
  // Five clicks on a button that never reacts: after the SDK's 7 s timeout, one dead click that is also a rage click.
  await shop.click('#dead', { clickCount: 5 });
  await expect.poll(() => traffic.segments.some((s) => s.text.includes('ui.slowClickDetected')), { timeout: 30_000 }).toBe(true);
  const deadId = traffic.replayId ?? '';

  // A second session, newer, in which nobody clicks.
  const calm = await browser.newContext();
  const calmPage = await calm.newPage();
  const calmTraffic = await watchReplayTraffic(calmPage, new URL(server.url).origin);
  await calmPage.goto(app.pageUrl(server.dsn));
  await expect.poll(() => calmTraffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const calmId = calmTraffic.replayId ?? '';
  expect(calmId).not.toBe(deadId);

  // Stored with the segment: the same figures as the replay page's decoded recording.
  const stored = (await readApi<ReplaySummary[]>(server.url, 'replays')).find((r) => r.replayId === deadId);
  expect(stored).toMatchObject({ deadClicks: 1, rageClicks: 1 });
  const { markers } = await readApi<ReplayRecording>(server.url, `replays/${deadId}/recording`);
  expect(markers.filter((m) => m.frustration !== undefined)).toHaveLength(stored?.deadClicks ?? -1);
  expect(markers.filter((m) => m.frustration === 'rage')).toHaveLength(stored?.rageClicks ?? -1);

  const ui = await context.newPage();
  await ui.setViewportSize({ width: 1440, height: 900 });
  await ui.goto(`${server.url}/#/replays`);
  const rows = ui.getByTestId('replay-row');
  const deadRow = ui.locator(`[data-testid="replay-row"][data-replay-id="${deadId}"]`);
  const calmRow = ui.locator(`[data-testid="replay-row"][data-replay-id="${calmId}"]`);
  await expect(deadRow.getByTestId('replay-dead-clicks')).toHaveText('1');
  await expect(deadRow.getByTestId('replay-rage-clicks')).toHaveText('1');
  await expect(calmRow.getByTestId('replay-dead-clicks')).toHaveText('0');
  await expect(calmRow.getByTestId('replay-rage-clicks')).toHaveText('0');
  // Newest first; then most dead clicks first; then fewest rage clicks first.
  await expect(rows.first()).toHaveAttribute('data-replay-id', calmId);
  await ui.getByTestId('replays-sort-count_dead_clicks').click();
  await expect(ui.getByRole('columnheader', { name: /Dead/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toHaveAttribute('data-replay-id', deadId);
  await ui.screenshot({ path: testInfo.outputPath('replays-dead-rage.png') });
  await ui.getByTestId('replays-sort-count_rage_clicks').click();
  await expect(rows.first()).toHaveAttribute('data-replay-id', deadId);
  await ui.getByTestId('replays-sort-count_rage_clicks').click();
  await expect(ui.getByRole('columnheader', { name: /Rage/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toHaveAttribute('data-replay-id', calmId);
  // The sort is in the URL, as Sentry's `?sort=`: a reload keeps it, and a shared link opens sorted.
  await expect(ui).toHaveURL(/#\/replays\?sort=count_rage_clicks$/);
  await ui.reload();
  await expect(ui.getByRole('columnheader', { name: /Rage/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toHaveAttribute('data-replay-id', calmId);
  await ui.goto(`${server.url}/#/replays?sort=-count_dead_clicks`);
  await expect(ui.getByRole('columnheader', { name: /Dead/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toHaveAttribute('data-replay-id', deadId);

  // The replay page's header reads the stored counts.
  await deadRow.click();
  await expect(ui.getByTestId('replay-meta')).toContainText(/Dead clicks\s*1/);
  await expect(ui.getByTestId('replay-meta')).toContainText(/Rage clicks\s*1/);
  await calm.close();
  await context.close();
});
