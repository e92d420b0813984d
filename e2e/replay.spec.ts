import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { IssueSummary, Page as ApiPage, ReplayDetail, ReplayRecording } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { readApi } from './helpers/read-api';
import { recordCanvasMp4, replayVideoEnvelope } from './helpers/browser-app/mobile-replay';
import { watchReplayTraffic } from './helpers/browser-app/replay-traffic';
import { startBrowserApp, type BrowserApp } from './helpers/browser-app/server';

/** Session Replay end to end: real @sentry/browser recording → Lookout → the rrweb player. */

/** Just the DOM fields read here (the node-side tsconfig has no DOM library). */
interface ImageLike { complete: boolean; naturalWidth: number; src: string }
interface FrameLike { contentDocument: { querySelector(selector: string): ImageLike | null } | null }
interface VideoLike { currentTime: number; videoWidth: number }

const slider = (ui: Page) => ui.getByTestId('replay-timeline');
const playhead = async (ui: Page) => Number(await slider(ui).getAttribute('aria-valuenow'));

let app: BrowserApp;
test.beforeAll(async () => { app = await startBrowserApp(); });
test.afterAll(async () => { await app.close(); });

test('a real browser replay plays back with markers, seeking, and a corrupt segment skipped', async ({ server, browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const shop = await context.newPage();
  const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);

  // Record: load (full snapshot), type, a step whose segment is broken in transit, then a crash.
  const loadStarted = Date.now();
  await shop.goto(app.pageUrl(server.dsn));
  await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await shop.locator('#name').pressSequentially('Ada Lovelace');
  await expect.poll(() => traffic.segments.some((s) => s.text.includes('Ada Lovelace')), { timeout: 30_000 }).toBe(true);
  traffic.corruptSegmentContaining('button#next');
  await shop.click('#next');
  await expect.poll(() => traffic.segments.some((s) => s.corrupted), { timeout: 30_000 }).toBe(true);
  await shop.click('#crash');
  const crashedAt = Date.now();
  await expect.poll(() => traffic.errorEventIds.length > 0 && traffic.segments.some((s) => s.text.includes('Paying now')), { timeout: 30_000 }).toBe(true);
  const recordedFor = Date.now() - loadStarted;
  const replayId = traffic.replayId ?? '';
  const corruptId = traffic.segments.find((s) => s.corrupted)?.segmentId;

  // The API: the issue's event links the replay; the recording has the full snapshot and increments.
  let issue: IssueSummary | undefined;
  await expect.poll(async () => {
    issue = (await readApi<ApiPage<IssueSummary>>(server.url, 'issues')).items.find((i) => i.title.includes('Replay e2e: payment failed'));
    return issue !== undefined;
  }).toBe(true);
  const errorEvent = await readApi<{ replayId: string | null; timestamp: number }>(server.url, `events/${traffic.errorEventIds[0]}`);
  expect(errorEvent.replayId).toBe(replayId);
  const recording = await readApi<ReplayRecording>(server.url, `replays/${replayId}/recording`);
  expect(recording.events.filter((e) => e.type === 2).length).toBeGreaterThan(0);
  expect(recording.events.filter((e) => e.type === 3).length).toBeGreaterThan(0);
  expect(recording.skipped).toEqual([{ segmentId: corruptId, error: expect.any(String) }]);
  // Seconds-timed performanceSpans are normalised: the replay lasts as long as the session did.
  expect(recording.durationMs).toBeGreaterThanOrEqual(crashedAt - loadStarted - 1000);
  expect(recording.durationMs).toBeLessThanOrEqual(recordedFor);
  const startMs = recording.startMs ?? 0;
  const errorOffset = errorEvent.timestamp - startMs;
  // The list's duration (from replay_event times and segment ranges) agrees with the recording's.
  const detail = await readApi<ReplayDetail>(server.url, `replays/${replayId}`);
  expect(Math.abs((detail.durationMs ?? 0) - recording.durationMs)).toBeLessThan(1000);

  // The issue page plays the replay itself, and "Open full replay" opens the player, both five seconds before the error.
  const ui = await context.newPage();
  await ui.setViewportSize({ width: 1440, height: 900 });
  const cspReports: string[] = [];
  ui.on('console', (message) => { if (message.text().includes('Content Security Policy')) cspReports.push(message.text()); });
  await ui.goto(`${server.url}/#/issues/${issue?.id}`);
  const play = ui.getByTestId('replay-link-open');
  await expect(play).toHaveAttribute('href', `#/replays/${replayId}?t=${Math.round(errorEvent.timestamp - 5000)}`);
  await play.scrollIntoViewIfNeeded();
  const preview = ui.getByTestId('replay-preview');
  const openAt = String(Math.round(Math.max(0, errorEvent.timestamp - 5000 - startMs)));
  await expect(preview.getByTestId('replay-timeline')).toHaveAttribute('aria-valuenow', openAt);
  await expect(preview.locator('[data-testid="replay-host"] iframe')).toHaveAttribute('sandbox', 'allow-same-origin');
  await expect(preview.frameLocator('[data-testid="replay-host"] iframe').getByText('Lookout replay e2e shop')).toBeVisible();
  await ui.screenshot({ path: testInfo.outputPath('issue-play-replay.png') });
  await play.click();
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', String(Math.round(Math.max(0, errorEvent.timestamp - 5000 - startMs))));
  // Under the facts, the error and the notes, the player fits a 1280×800 window: the stage scales
  // down and the timeline and controls stay on screen. A large window keeps the full-size stage.
  await ui.setViewportSize({ width: 1280, height: 800 });
  for (const id of ['replay-timeline', 'replay-play', 'replay-skip-inactive']) await expect(ui.getByTestId(id)).toBeInViewport({ ratio: 1 });
  await ui.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await ui.getByTestId('replay-stage').boundingBox())?.height).toBeGreaterThanOrEqual(600);
  await ui.setViewportSize({ width: 1440, height: 900 });
  expect(await playhead(ui)).toBeGreaterThan(0);
  // The player's duration is the recording's.
  await expect(slider(ui)).toHaveAttribute('aria-valuemax', String(Math.round(recording.durationMs)));

  // The recorded page is inside a sandboxed iframe without scripts, and it cannot reach the network.
  const iframe = ui.locator('[data-testid="replay-host"] iframe');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-same-origin');
  const frame = ui.frameLocator('[data-testid="replay-host"] iframe');
  await expect(frame.getByText('Lookout replay e2e shop')).toBeVisible();
  await expect.poll(() => iframe.evaluate((el) => {
    const img = (el as unknown as FrameLike).contentDocument?.querySelector('img');
    return img ? { complete: img.complete, width: img.naturalWidth, src: img.src } : null;
  })).toEqual({ complete: true, width: 0, src: `${app.origin}/logo.svg` });
  expect(app.hits('/logo.svg')).toBe(1);
  // The player itself runs under `script-src 'self'`: the only blocked loads are the recorded page's, and the page says so.
  expect(cspReports.length).toBeGreaterThan(0);
  for (const report of cspReports) expect(report).toContain(`${app.origin}/logo.svg`);
  await expect(ui.getByTestId('replay-assets-note')).toContainText('loaded 1 image from its server that the player does not fetch');

  // The skipped segment is noted; the error is on the timeline; seeking to it shows the page then.
  await expect(ui.getByTestId('replay-note')).toContainText(`Segment ${corruptId} could not be decoded`);
  const errorMarker = ui.locator('[data-testid="timeline-marker"][data-kind="error"]');
  await expect(errorMarker).toHaveCount(1);
  await errorMarker.click();
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', String(Math.round(errorOffset)));
  await expect(frame.getByText('Paying now, please wait')).toBeVisible();
  await expect(frame.locator('#name')).toHaveValue('Ada Lovelace');
  // The step shown in the corrupt segment never happens in playback; everything after it does.
  await expect(frame.getByText('Step two: confirm your order')).toBeHidden();
  await ui.getByTestId('replay-view').evaluate((view) => { (view as unknown as { scrollTop: number }).scrollTop = 0; });
  await ui.screenshot({ path: testInfo.outputPath('replay-player.png') });

  // The side list seeks on click; play, speed and pause work.
  const navigation = ui.getByTestId('replay-breadcrumb').filter({ hasText: '/checkout/pay' }).first();
  const navigationOffset = await navigation.getAttribute('data-offset');
  await navigation.click();
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', navigationOffset ?? 'missing');
  await ui.getByTestId('replay-breadcrumb').first().click();
  const before = await playhead(ui);
  await ui.getByTestId('replay-speed-8').click();
  await expect(ui.getByTestId('replay-speed-8')).toHaveAttribute('aria-pressed', 'true');
  await ui.getByTestId('replay-play').click();
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => playhead(ui)).toBeGreaterThan(before);
  await ui.getByTestId('replay-play').click();
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');
  // Space plays and pauses, as in a media player.
  await ui.getByTestId('replay-view').click({ position: { x: 5, y: 5 } });
  await ui.keyboard.press('Space');
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  await ui.keyboard.press('Space');
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');

  // The list shows the replay with its URL, browser, user and one error.
  await ui.goto(`${server.url}/#/replays`);
  const row = ui.locator(`[data-testid="replay-row"][data-replay-id="${replayId}"]`);
  await expect(row.getByTestId('replay-error-count')).toHaveText('1');
  await expect(row).toContainText(`${new URL(app.origin).host}/`);
  await expect(row).toContainText('ada@example.invalid');
  await ui.screenshot({ path: testInfo.outputPath('replays-list.png') });
  await ui.getByTestId('nav-replays').click();
  await row.click();
  await expect(ui.getByTestId('replay-stage')).toHaveAttribute('data-mode', 'dom');
  await context.close();
});

test('a replay whose recording never arrived says so in the list and on its page, not a duration', async ({ page, server }) => {
  // The relay fixture's replay_event alone: its times span 23:04, but no segment came with it.
  const event = JSON.parse(readFileSync(new URL('../test/fixtures/replay/relay-replay-event.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const replayId = 'f4354f53d5b667b3150f9043d8d12fe6';
  const now = Date.now() / 1000;
  const replayEvent = { ...event, replay_id: replayId, timestamp: now, replay_start_timestamp: now - 1384.965 };
  const body = [JSON.stringify({ event_id: replayId }), JSON.stringify({ type: 'replay_event' }), JSON.stringify(replayEvent)].join('\n');
  expect((await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body })).status).toBe(200);

  await page.goto(`${server.url}/#/replays`);
  const row = page.locator(`[data-testid="replay-row"][data-replay-id="${replayId}"]`);
  await expect(row.getByTestId('replay-duration')).toHaveText('No recording');
  await row.click();
  await expect(page.locator('.replay-facts > div').filter({ hasText: /^Duration/ }).locator('dd')).toHaveText('No recording');
  await expect(page.getByTestId('replay-no-recording')).toContainText('No recording received');
  await expect(page.getByTestId('replay-stage')).toHaveCount(0);

  // An error of that replay: its issue page says the same instead of a player at 0:00.
  const errorId = 'e1'.repeat(16);
  const error = { event_id: errorId, platform: 'javascript', message: 'checkout failed', contexts: { replay: { replay_id: replayId } } };
  const errorBody = [JSON.stringify({ event_id: errorId }), JSON.stringify({ type: 'event' }), JSON.stringify(error)].join('\n');
  expect((await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body: errorBody })).status).toBe(200);
  await page.goto(`${server.url}/#/events/${errorId}`);
  await expect(page.getByTestId('replay-preview-empty')).toContainText('No recording received for this replay');
  await expect(page.getByTestId('replay-stage')).toHaveCount(0);
});

test('a mobile replay_video segment plays in a <video> element', async ({ server, browser }, testInfo) => {
  const context = await browser.newContext();
  const recorder = await context.newPage();
  const { mp4, durationMs } = await recordCanvasMp4(recorder, 45);
  const replayId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const res = await fetch(`${server.url}/api/1/envelope/?sentry_key=lookout`, {
    method: 'POST', body: new Uint8Array(replayVideoEnvelope(replayId, mp4, durationMs, Date.now() - 60_000)),
  });
  expect(res.status).toBe(200);

  const ui = await context.newPage();
  await ui.goto(`${server.url}/#/replays/${replayId}`);
  await expect(ui.getByTestId('replay-stage')).toHaveAttribute('data-mode', 'video');
  const video = ui.getByTestId('replay-video');
  await expect(slider(ui)).toHaveAttribute('aria-valuemax', String(durationMs));
  await expect(ui.locator('[data-testid="timeline-marker"][data-kind="click"]')).toHaveCount(1);
  await ui.getByTestId('replay-play').click();
  await expect.poll(() => video.evaluate((v) => (v as unknown as VideoLike).currentTime)).toBeGreaterThan(0);
  expect(await video.evaluate((v) => (v as unknown as VideoLike).videoWidth)).toBe(320);
  await expect.poll(() => playhead(ui)).toBeGreaterThan(0);
  await ui.screenshot({ path: testInfo.outputPath('video-player.png') });
  await context.close();
});

test('a buffered replay (replaysOnErrorSampleRate only) is linked to its error both ways', async ({ server, browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const shop = await context.newPage();
  const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);
  await shop.goto(`${app.pageUrl(server.dsn)}&mode=buffer`);
  await shop.locator('#name').pressSequentially('Grace Hopper');
  await shop.click('#crash');
  // Nothing is sent before the error; the buffer follows it.
  await expect.poll(() => traffic.errorEventIds.length > 0 && traffic.segments.length > 0, { timeout: 30_000 }).toBe(true);
  const eventId = traffic.errorEventIds[0] ?? '';
  const replayId = traffic.replayId ?? '';

  await expect.poll(async () => (await readApi<{ replayId: string | null }>(server.url, `events/${eventId}`)).replayId).toBe(replayId);
  await expect.poll(async () => (await readApi<ReplayDetail>(server.url, `replays/${replayId}`)).errors.map((e) => e.eventId)).toEqual([eventId]);
  const recording = await readApi<ReplayRecording>(server.url, `replays/${replayId}/recording`);
  expect(recording.markers.filter((m) => m.kind === 'error')).toHaveLength(1);

  const ui = await context.newPage();
  const issue = (await readApi<ApiPage<IssueSummary>>(server.url, 'issues')).items.find((i) => i.title.includes('Replay e2e: payment failed'));
  await ui.goto(`${server.url}/#/issues/${issue?.id}`);
  await expect(ui.getByTestId('replay-link-open')).toHaveAttribute('href', new RegExp(`#/replays/${replayId}`));
  await context.close();
});
