/**
 * What the SDK dropped, seen in Chromium: a real @sentry/node app captures a burst faster than its
 * small transport queue (`transportOptions.bufferSize`) sends it, and at exit its client report
 * says how many it dropped (`queue_overflow`). The Issues view says so (naming the app, `node`) with what to do, the Stats
 * view counts accepted and dropped per category and reason, and a dismissed notice comes back only
 * for a newer drop.
 * @see https://develop.sentry.dev/sdk/telemetry/client-reports/
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OutcomeStats } from '../src/shared/api-stats';
import { test, expect } from './fixtures';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/dropped-events';
const BURST_APP = fileURLToPath(new URL('../test/fixtures/app/burst.mjs', import.meta.url));

/** Runs the app to its end: the SDK sends its client report at `beforeExit`, once its queue drained. */
async function burst(dsn: string, captures: number, bufferSize: number): Promise<void> {
  await promisify(execFile)(process.execPath, [BURST_APP, dsn, String(captures), String(bufferSize)], { timeout: 30_000 });
}

async function queueOverflow(url: string): Promise<{ dropped: number; accepted: number }> {
  const stats = await (await fetch(`${url}/_lookout/api/stats?hours=24`)).json() as OutcomeStats;
  const find = (outcome: string, reason: string) => stats.outcomes.find((o) => o.outcome === outcome && o.category === 'error' && o.reason === reason)?.quantity ?? 0;
  return { dropped: find('client_discard', 'queue_overflow'), accepted: find('accepted', '') };
}

test('the Issues view tells what the SDK dropped and the Stats view counts it by reason', async ({ page, server }) => {
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('dropped-notice')).toHaveCount(0);

  await burst(server.dsn, 1000, 10);
  const { dropped, accepted } = await queueOverflow(server.url);
  expect(dropped).toBeGreaterThan(900);
  expect(dropped + accepted).toBe(1000);

  // Shown live, from the client report the stream brought.
  const notice = page.getByTestId('dropped-notice');
  await expect(notice.getByTestId('dropped-line')).toHaveCount(1);
  await expect(notice.getByTestId('dropped-line')).toContainText(
    `The SDK of node dropped ${dropped.toLocaleString('en-US')} errors in the last hour: its queue overflowed (queue_overflow).`);
  await expect(notice).toContainText('transportOptions.bufferSize');
  await page.screenshot({ path: `${SCREENS}/issues-notice.png` });

  await notice.getByTestId('dropped-stats-link').click();
  await expect(page).toHaveURL(/#\/stats$/);
  await expect(page.getByTestId('nav-stats')).toHaveClass(/active/);
  const errors = page.getByTestId('stats-category').and(page.locator('[data-category="error"]'));
  await expect(errors.getByTestId('stats-accepted')).toHaveText(accepted.toLocaleString('en-US'));
  await expect(errors.getByTestId('stats-dropped')).toHaveText(dropped.toLocaleString('en-US'));
  const loss = page.getByTestId('stats-loss').and(page.locator('[data-reason="queue_overflow"]'));
  await expect(loss.getByTestId('stats-loss-quantity')).toHaveText(dropped.toLocaleString('en-US'));
  await expect(loss).toContainText('Dropped by the SDK');
  await page.getByTestId('stats-window-168').click();
  await expect(page).toHaveURL(/#\/stats\?hours=168$/);
  await expect(errors.getByTestId('stats-dropped')).toHaveText(dropped.toLocaleString('en-US'));
  await page.screenshot({ path: `${SCREENS}/stats.png`, fullPage: true });

  // Dismissed, it stays away after a reload, until the SDK drops more.
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('dropped-notice').getByTestId('dropped-dismiss').click();
  await expect(page.getByTestId('dropped-notice')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('issue-row').first()).toBeVisible();
  await expect(page.getByTestId('dropped-notice')).toHaveCount(0);

  await burst(server.dsn, 100, 10);
  const after = await queueOverflow(server.url);
  expect(after.dropped).toBeGreaterThan(dropped);
  await expect(page.getByTestId('dropped-line')).toContainText(`The SDK of node dropped ${after.dropped.toLocaleString('en-US')} errors`);
});
