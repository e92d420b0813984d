import type { Page } from '@playwright/test';
import type { ReplayDetail, ReplayRecording } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { BUFFER_REPLAY, SESSION_REPLAY, postFrontdeskEnvelopes } from './helpers/frontdesk-replays';
import { readApi } from './helpers/read-api';

/**
 * The replay player page against two real @sentry/browser 11 replays (a session one and an on-error
 * one, recorded in Chromium): the address bar follows playback, the breadcrumb list shows the
 * playhead's row on open and on seeks, web vitals are listed, the Errors / Trace / Tags tabs, the
 * replay type, a drag from a timeline tick, the not-recorded start of a buffer replay, and Space / k.
 */

const slider = (ui: Page) => ui.getByTestId('replay-timeline');
const playhead = async (ui: Page) => Number(await slider(ui).getAttribute('aria-valuenow'));

/** Posts the recorded traffic and waits until Lookout has every segment and the error of `replayId`. */
async function loaded(serverUrl: string, replayId: string, segments: number): Promise<{ detail: ReplayDetail; recording: ReplayRecording }> {
  await postFrontdeskEnvelopes(serverUrl);
  let detail: ReplayDetail | null = null;
  await expect.poll(async () => {
    detail = await readApi<ReplayDetail>(serverUrl, `replays/${replayId}`).catch(() => null);
    return detail ? [detail.segmentCount, detail.errors.length > 0] : null;
  }, { timeout: 30_000 }).toEqual([segments, true]);
  const recording = await readApi<ReplayRecording>(serverUrl, `replays/${replayId}/recording`);
  return { detail: detail as unknown as ReplayDetail, recording };
}

test('a session replay: address bar, breadcrumbs on open, web vitals, Errors / Trace / Tags, drag from a tick, Space / k', async ({ server, page: ui }) => {
  test.setTimeout(90_000);
  const { detail, recording } = await loaded(server.url, SESSION_REPLAY, 10);
  const startMs = recording.startMs ?? 0;
  const error = detail.errors[0];
  if (!error) throw new Error('the session replay has no linked error');

  // Opened at the error (as "Open full replay" links, 5 s before it): the playhead's row is in view, the focus untouched.
  await ui.setViewportSize({ width: 1440, height: 900 });
  await ui.goto(`${server.url}/#/replays/${SESSION_REPLAY}?t=${Math.round(error.timestamp - 5000)}`);
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', String(Math.round(error.timestamp - 5000 - startMs)));
  const crumbs = ui.getByTestId('replay-breadcrumbs');
  const active = crumbs.locator('.crumb.active');
  await expect(active).toBeInViewport();
  expect(await crumbs.evaluate((list) => list.scrollTop)).toBeGreaterThan(0);
  expect(await ui.evaluate(() => document.activeElement === document.body)).toBe(true);
  // The header says which kind of replay it is, and the address bar the page open at the playhead (the checkout).
  await expect(ui.getByTestId('replay-meta')).toContainText(/Type\s*session/);
  const address = ui.getByTestId('replay-address');
  await expect(address).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/checkout$/);

  // Web vitals are breadcrumbs and ticks, with the value and rating the SDK sent (LCP 416 ms at load).
  await expect(crumbs.locator('[data-kind="vital"]').filter({ hasText: 'LCP 416 ms · good' })).toHaveCount(1);
  await expect(ui.locator('[data-testid="timeline-marker"][data-kind="vital"]').first()).toBeAttached();

  // Seeking: Home goes back to the first page (its query as recorded), and the list follows to the top.
  await slider(ui).focus();
  await ui.keyboard.press('Home');
  await expect(address).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/\?mode=session&dsn=/);
  await expect(crumbs.locator('.crumb.active, .crumb.future').first()).toBeInViewport();
  // A navigation breadcrumb seeks to /login; the address follows.
  await crumbs.locator('[data-testid="replay-breadcrumb"][data-kind="navigation"]').filter({ hasText: '/login' }).first().click();
  await expect(address).toHaveText(/\/login$/);

  // Errors tab: the linked error at its time, seeking on click, linking to its issue.
  await ui.getByTestId('replay-tab-errors').click();
  const errorRow = ui.getByTestId('replay-error-row');
  await expect(errorRow).toHaveCount(detail.errors.length);
  await expect(errorRow.first()).toContainText('PaymentDeclined');
  await errorRow.first().click();
  await expect(slider(ui)).toHaveAttribute('aria-valuenow', (await errorRow.first().getAttribute('data-offset')) ?? 'none');
  await expect(ui.getByTestId('replay-error-issue').first()).toHaveAttribute('href', `#/issues/${error.issueId}/events/${error.eventId}`);
  // Trace tab: every trace the replay names, linked to its trace page.
  await ui.getByTestId('replay-tab-trace').click();
  expect(detail.traceIds.length).toBeGreaterThan(0);
  await expect(ui.getByTestId('replay-trace-link')).toHaveCount(detail.traceIds.length);
  await expect(ui.getByTestId('replay-trace-link').first()).toHaveAttribute('href', `#/traces/${detail.traceIds[0]}`);
  // Tags tab: what the replay_event said about the session.
  await ui.getByTestId('replay-tab-tags').click();
  const tag = (key: string) => ui.locator(`[data-testid="replay-tag"][data-key="${key}"] dd`);
  await expect(tag('replayType')).toHaveText('session');
  await expect(tag('release')).toHaveText('frontdesk@3.1.0');
  await expect(tag('environment')).toHaveText('dev');
  await expect(tag('browser')).toContainText('Chrome');
  await expect(tag('sdk')).toHaveText('sentry.javascript.browser 11.12.0');

  // A press on the 0:00 tick starts a drag like one on the bar: released at 60 %, the playhead is there.
  const track = await slider(ui).boundingBox();
  const firstTick = await ui.getByTestId('timeline-marker').first().boundingBox();
  if (!track || !firstTick) throw new Error('no timeline');
  await ui.mouse.move(firstTick.x + firstTick.width / 2, firstTick.y + firstTick.height / 2);
  await ui.mouse.down();
  await ui.mouse.move(track.x + track.width * 0.3, track.y + track.height / 2, { steps: 4 });
  await ui.mouse.move(track.x + track.width * 0.6, track.y + track.height / 2, { steps: 4 });
  await ui.mouse.up();
  expect(Math.abs(await playhead(ui) / recording.durationMs - 0.6)).toBeLessThan(0.02);

  // Space and k play and pause from anywhere but a field or button; a paused player never says "skipping".
  await ui.locator('h1').click();
  await ui.keyboard.press('k');
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  await ui.keyboard.press(' ');
  await expect(ui.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');
  await expect(ui.locator('.replay-skipping')).toHaveCount(0);
  expect(await ui.evaluate(() => document.activeElement?.tagName)).not.toBe('BUTTON');
});

test('an on-error replay marks its start before the first page snapshot as not recorded', async ({ server, page: ui }) => {
  test.setTimeout(90_000);
  const { recording } = await loaded(server.url, BUFFER_REPLAY, 3);
  const snapshotAt = (recording.events.find((e) => e.type === 2)?.timestamp ?? 0) - (recording.startMs ?? 0);
  expect(snapshotAt).toBeGreaterThan(30_000);

  await ui.setViewportSize({ width: 1280, height: 800 });
  await ui.goto(`${server.url}/#/replays/${BUFFER_REPLAY}`);
  await expect(ui.getByTestId('replay-meta')).toContainText(/Type\s*buffer/);
  // Over the stage: why nothing shows, instead of the 0:40 page from 0:00; on the bar: the shaded stretch.
  const note = ui.getByTestId('replay-unrecorded');
  await expect(note).toContainText(`Not recorded (0:00–0:${String(Math.floor(snapshotAt / 1000)).padStart(2, '0')})`);
  await expect(note).toContainText('last minute before an error');
  const shaded = await ui.getByTestId('timeline-unrecorded').boundingBox();
  const track = await slider(ui).boundingBox();
  if (!shaded || !track) throw new Error('no timeline');
  expect(Math.abs(shaded.width / track.width - snapshotAt / recording.durationMs)).toBeLessThan(0.01);
  // Paused at the start of the gap: no "skipping inactivity…".
  await expect(ui.locator('.replay-skipping')).toHaveCount(0);

  // Past the snapshot the recorded page shows, and the note is gone.
  await slider(ui).focus();
  await ui.keyboard.press('End');
  await expect(note).toHaveCount(0);
  await expect(ui.getByTestId('replay-address')).toHaveText(/\/$|\/checkout$/);
  await expect(ui.locator('.replay-skipping')).toHaveCount(0);
});
