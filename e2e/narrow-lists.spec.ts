/**
 * The Issues, Crons and Logs lists in a narrow window (600 px) and a wide one (1280 px), with check-ins and
 * logs from the real @sentry/node SDK: narrow, they drop their less important columns instead of
 * scrolling sideways or squeezing log bodies; wide, every column stays.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { emitLogs } from './helpers/sentry-node-traces';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/narrow-lists';
const NARROW = { width: 600, height: 800 };
const WIDE = { width: 1280, height: 800 };

async function sendCheckIns(dsn: string) {
  const client = new NodeClient({ dsn, environment: 'production', release: 'jobs@2.0.0', transport: makeNodeTransport,
    stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  const config = { schedule: { type: 'crontab' as const, value: '*/5 * * * *' }, checkinMargin: 2, timezone: 'UTC' };
  for (const status of ['ok', 'error', 'ok'] as const) {
    const id = client.captureCheckIn({ monitorSlug: 'nightly-report', status: 'in_progress' }, config, scope);
    client.captureCheckIn({ monitorSlug: 'nightly-report', status, checkInId: id, duration: 0.4 }, undefined, scope);
  }
  if (!(await client.flush(10_000))) throw new Error('check-ins not flushed');
}

/** The part of `el` outside the viewport's right edge, in pixels (0 when it is all on screen). */
async function overflowRight(page: Page, el: Locator): Promise<number> {
  const box = await el.boundingBox();
  if (!box) throw new Error('not laid out');
  return Math.max(0, box.x + box.width - page.viewportSize()!.width);
}

/** How many characters of the element's font fit in its width. */
const charsThatFit = (el: Locator) => el.evaluate((node) => {
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.font = getComputedStyle(node).font;
  return Math.floor(node.clientWidth / ctx.measureText('0').width);
});

test('the Crons list keeps Next check-in and Recent runs on screen at 600 px, and every column at 1280 px', async ({ page, server }) => {
  await sendCheckIns(server.dsn);
  await page.setViewportSize(NARROW);
  await page.goto(`${server.url}/#/crons`);
  const row = page.locator('[data-testid="cron-row"][data-slug="nightly-report"]');
  await expect(row.getByTestId('cron-strip-cell')).toHaveCount(3);
  const view = page.getByTestId('crons-view');
  expect(await view.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  for (const part of [row.getByTestId('cron-row-next'), row.getByTestId('cron-strip-cell').last(), row.getByTestId('cron-status')]) {
    await expect(part).toBeVisible();
    expect(await overflowRight(page, part)).toBe(0);
  }
  // The monitor's own row above its environments keeps its rolled-up status and next check-in too.
  const monitorRow = page.locator('[data-testid="cron-monitor"][data-slug="nightly-report"]');
  for (const id of ['cron-monitor-status', 'cron-monitor-next']) {
    await expect(monitorRow.getByTestId(id)).toBeVisible();
    expect(await overflowRight(page, monitorRow.getByTestId(id))).toBe(0);
  }
  await expect(row.getByTestId('cron-row-last')).toBeHidden();
  await expect(row.getByTestId('cron-row-duration')).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/crons-600.png` });

  await page.setViewportSize(WIDE);
  for (const id of ['cron-row-last', 'cron-row-duration', 'cron-row-next']) await expect(row.getByTestId(id)).toBeVisible();
  await expect(page.locator('.cron-head > span')).toHaveText(['Monitor', 'Status', 'Last check-in', 'Next check-in', 'Last run', 'Recent check-ins (newest right)']);
  expect(await view.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
});

test('the Logs list gives bodies the room at 600 px, and keeps the project column at 1280 px', async ({ page, server }) => {
  const body = 'retrying delivery of the weekly digest to ada@example.com after a timeout';
  await emitLogs(server.dsn, [{ level: 'warn', body }]);
  await page.setViewportSize(NARROW);
  await page.goto(`${server.url}/#/logs`);
  const row = page.getByTestId('log-row').first();
  await expect(row.getByTestId('log-body')).toHaveText(body);
  expect(await charsThatFit(row.getByTestId('log-body'))).toBeGreaterThanOrEqual(25);
  await expect(row.locator('.log-project')).toBeHidden();
  await expect(row.getByTestId('log-trace-link')).toBeVisible();
  expect(await overflowRight(page, row.getByTestId('log-trace-link'))).toBe(0);
  await page.screenshot({ path: `${SCREENS}/logs-600.png` });

  await page.setViewportSize(WIDE);
  await expect(row.locator('.log-project')).toBeVisible();
  await expect(row.locator('.log-trace-label')).toHaveText('trace');
  expect(await charsThatFit(row.getByTestId('log-body'))).toBeGreaterThanOrEqual(60);
});

test('the Issues list gives titles the room at 600 px (no 24h graph or users), and keeps every column at 1280 px', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  sender.capture(new TypeError("Cannot read properties of undefined (reading 'price') while totalling the cart"));
  await sender.flush();
  await page.setViewportSize(NARROW);
  await page.goto(`${server.url}/#/issues`);
  const row = page.getByTestId('issue-row').first();
  await expect(row.getByTestId('issue-title')).toContainText('TypeError');
  await expect(row.getByTestId('issue-graph')).toBeHidden();
  await expect(row.getByTestId('issue-users')).toBeHidden();
  await expect(page.locator('.bulk-bar .col-head:visible')).toHaveText(['Events']);
  await expect(row.getByTestId('issue-count')).toBeVisible();
  expect(await overflowRight(page, row.getByTestId('issue-count'))).toBe(0);
  // "TypeError: Cannot read properties of" and more, not "TypeEr…".
  expect(await charsThatFit(row.getByTestId('issue-title'))).toBeGreaterThanOrEqual(38);
  await page.screenshot({ path: `${SCREENS}/issues-600.png` });

  await page.setViewportSize(WIDE);
  await expect(row.getByTestId('issue-graph')).toBeVisible();
  await expect(row.getByTestId('issue-users')).toBeVisible();
  await expect(page.locator('.bulk-bar .col-head:visible')).toHaveText([/^24h\s*14d$/, 'Events', 'Users']); // the trend column's head is its 24h | 14d choice
});
