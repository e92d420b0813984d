import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { watchReplayTraffic } from './helpers/browser-app/replay-traffic';
import { startBrowserApp, type BrowserApp } from './helpers/browser-app/server';

/**
 * Replays live: a real @sentry/browser session (replay integration) shows up in an open Replays list
 * without a reload, an open replay takes its new segments without losing the playhead, and an
 * issue page opened before its replay arrived shows the replay as soon as it does.
 */

/** Just the DOM fields read here (the node-side tsconfig has no DOM library). */
interface Box { scrollWidth: number; clientWidth: number; textContent: string | null; dataset: Record<string, string | undefined> }

let app: BrowserApp;
test.beforeAll(async () => { app = await startBrowserApp(); });
test.afterAll(async () => { await app.close(); });

const slider = (ui: Page) => ui.getByTestId('replay-timeline');
const sliderValue = async (ui: Page, attr: 'aria-valuenow' | 'aria-valuemax') => Number(await slider(ui).getAttribute(attr));

test('a new replay joins the open list, and an open replay grows without losing its place', async ({ server, browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const ui = await context.newPage();
  await ui.setViewportSize({ width: 800, height: 800 });
  await ui.goto(`${server.url}/#/replays`);
  await expect(ui.getByTestId('replays-empty')).toBeVisible();

  const shop = await context.newPage();
  const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);
  await shop.goto(app.pageUrl(server.dsn));
  await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const replayId = traffic.replayId ?? '';

  // No reload: the live stream brings the row.
  const row = ui.locator(`[data-testid="replay-row"][data-replay-id="${replayId}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByTestId('replay-link')).toHaveAccessibleName(/^Replay of \/ by ada@example\.invalid, \d+:\d\d, started \d\d:\d\d, /);
  // At 800 px every header shows its whole label (none runs into the next, none is cut).
  const headers = await ui.locator('.replays-list-table th').evaluateAll((cells) => cells.map((c) => {
    const box = c as unknown as Box;
    return { label: box.textContent, fits: box.scrollWidth <= box.clientWidth };
  }));
  expect(headers.map((h) => h.label)).toEqual(['Started ▾', 'Duration', 'URL', 'Browser', 'User', 'Activity', 'Dead', 'Rage', 'Errors']);
  expect(headers.filter((h) => !h.fits)).toEqual([]);
  await expect(ui.locator('th.replays-browser')).toBeHidden();
  await ui.screenshot({ path: testInfo.outputPath('replays-800.png') });

  // Search by the user, then by a page it never visited.
  await ui.getByTestId('replays-search').fill('user.email:ada@');
  await expect(ui.getByTestId('replay-row')).toHaveCount(1);
  await ui.getByTestId('replays-search').fill('url:/nowhere');
  await expect(ui.getByTestId('replays-no-match')).toBeVisible();
  await ui.getByTestId('replays-search').fill('');
  await ui.getByTestId('replays-sort-duration').click();
  await expect(ui.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute('aria-sort', 'descending');

  // The open replay: a mark on the player's page, the playhead a second in, paused.
  await row.getByTestId('replay-link').click();
  await expect(ui.getByTestId('replay-stage')).toHaveAttribute('data-mode', 'dom');
  const frame = ui.locator('[data-testid="replay-host"] iframe');
  await frame.evaluate((f) => { (f as unknown as Box).dataset.built = 'first'; });
  await slider(ui).focus();
  await ui.keyboard.press('ArrowRight');
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', '1000');
  const lengthBefore = await sliderValue(ui, 'aria-valuemax');

  // The session goes on: the next segment reaches the open player.
  await shop.bringToFront();
  await shop.locator('#name').pressSequentially('Live segment');
  await expect.poll(() => traffic.segments.some((s) => s.text.includes('Live segment')), { timeout: 30_000 }).toBe(true);
  await ui.bringToFront();
  await expect.poll(() => sliderValue(ui, 'aria-valuemax'), { timeout: 15_000 }).toBeGreaterThan(lengthBefore);
  // The same player (not rebuilt), paused where it was.
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', '1000');
  expect(await frame.evaluate((f) => (f as unknown as Box).dataset.built)).toBe('first');
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');
  // It plays on into the new part.
  await slider(ui).focus();
  await ui.keyboard.press('End');
  await expect.poll(() => sliderValue(ui, 'aria-valuenow')).toBe(await sliderValue(ui, 'aria-valuemax'));
  await expect(frame.contentFrame().locator('#name')).toHaveValue('Live segment');
  await context.close();
});

test('an issue page says "Replay arriving…" and links the replay as soon as it arrives', async ({ page, server }) => {
  // The real @sentry/browser replay envelope (test/fixtures/replay), and an error of that session naming it.
  const envelope = readFileSync(new URL('../test/fixtures/replay/browser-replay-envelope.bin', import.meta.url));
  const replayId = '6c620b18b7964a83b171224961507d46';
  expect(envelope.includes(replayId)).toBe(true);
  const errorId = 'f2'.repeat(16);
  const error = { event_id: errorId, platform: 'javascript', message: 'checkout failed before its replay', contexts: { replay: { replay_id: replayId } } };
  const errorBody = [JSON.stringify({ event_id: errorId }), JSON.stringify({ type: 'event' }), JSON.stringify(error)].join('\n');
  const send = (body: RequestInit['body']) => fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body });
  expect((await send(errorBody)).status).toBe(200);

  await page.goto(`${server.url}/#/events/${errorId}`);
  const link = page.getByTestId('replay-link');
  await expect(link).toContainText('Replay arriving…');
  await expect(link.getByRole('link')).toHaveCount(0);

  expect((await send(new Uint8Array(envelope))).status).toBe(200);
  await expect(page.getByTestId('replay-link-open')).toContainText('Open full replay · 1 segment');
  await expect(link).not.toContainText('arriving');
});

test('"Delete all data" in another window empties an open Replays list at once', async ({ page, server }) => {
  const envelope = readFileSync(new URL('../test/fixtures/replay/browser-replay-envelope.bin', import.meta.url));
  await page.goto(`${server.url}/#/replays`);
  await expect(page.getByTestId('replays-empty')).toBeVisible();
  expect((await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body: new Uint8Array(envelope) })).status).toBe(200);
  await expect(page.getByTestId('replay-row')).toHaveCount(1);
  expect((await fetch(`${server.url}/_lookout/api/data`, { method: 'DELETE' })).status).toBe(200);
  await expect(page.getByTestId('replays-empty')).toBeVisible();
  await expect(page.getByTestId('replay-row')).toHaveCount(0);
});
