/**
 * An issue's history beyond 24 hours: the list's trend column switches to 14 UTC days (Sentry's
 * "Graph: 24h | 14d", kept in the URL), and the issue page charts events and users per day over a
 * chosen period with first and last seen marked, updated live. The events come from a real
 * @sentry/node client whose `beforeSend` dates them days back.
 * @see https://docs.sentry.io/product/issues/issue-details/
 */
import type { Page } from '@playwright/test';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type ErrorEvent } from '@sentry/node';
import { expect, test } from './fixtures';

const DAY_MS = 86_400_000;
/** Events per UTC day back from today (0 = today): three days with events, the others empty. */
const PLAN: [daysAgo: number, events: number][] = [[10, 4], [5, 1], [2, 2], [0, 3]];
const utcDay = (daysAgo: number) => new Date((Math.floor(Date.now() / DAY_MS) - daysAgo) * DAY_MS).toISOString().slice(0, 10);

/** A timestamp (seconds) inside the UTC day `daysAgo` back: noon, or a second ago for today. */
function stampOf(daysAgo: number): number {
  const noon = (Math.floor(Date.now() / DAY_MS) - daysAgo) * DAY_MS + DAY_MS / 2;
  return Math.min(noon, Date.now() - 1000) / 1000;
}

/** Sends `count` events of one issue stamped `daysAgo`, each from its own user. */
async function sendEvents(dsn: string, daysAgo: number, count: number, firstUser: number): Promise<void> {
  const client = new NodeClient({
    dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], sendClientReports: false,
    beforeSend: (event: ErrorEvent) => ({ ...event, timestamp: stampOf(daysAgo) }),
  });
  client.init();
  for (let i = 0; i < count; i++) {
    const scope = new Scope();
    scope.setClient(client);
    scope.setUser({ id: `user-${firstUser + i}` });
    // One issue whichever line of the test sends it (the callers' frames differ): Sentry's fingerprint.
    scope.setFingerprint(['checkout-failed-for-a-week']);
    scope.captureException(failCheckout());
  }
  expect(await client.flush(10_000)).toBe(true);
}

/** A new error each time: the SDK sends an Error object only once. */
function failCheckout(): Error {
  return new Error('checkout failed for a week');
}

function chartBar(page: Page, daysAgo: number) {
  return page.getByTestId('issue-chart-bar').and(page.locator(`[data-start="${utcDay(daysAgo)}T00:00:00.000Z"]`));
}

test('the 14d trend and the issue page chart show events on the days they happened', async ({ page, server }) => {
  let user = 0;
  for (const [daysAgo, count] of PLAN) { await sendEvents(server.dsn, daysAgo, count, user); user += count; }

  await page.goto(`${server.url}/#/issues`);
  const row = page.getByTestId('issue-row').filter({ hasText: 'checkout failed for a week' });
  await expect(row.getByTestId('issue-count')).toHaveText('10');
  // 24h: the last 24 hours hold today's three (and no more).
  await expect(row.getByTestId('issue-sparkline')).toHaveAttribute('aria-label', /^3 events in the last 24 hours$/);

  await page.getByTestId('trend-14d').click();
  await expect(page).toHaveURL(/trend=14d/);
  const spark = row.getByTestId('issue-sparkline');
  await expect(spark).toHaveAttribute('data-period', '14d');
  await expect(spark).toHaveAttribute('aria-label', '10 events in the last 14 days');
  for (let daysAgo = 0; daysAgo < 14; daysAgo++) {
    const expected = PLAN.find(([d]) => d === daysAgo)?.[1] ?? 0;
    await expect(spark.locator(`rect[data-day="${utcDay(daysAgo)}"]`)).toHaveAttribute('data-count', String(expected));
  }
  // The choice is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId('trend-14d')).toHaveAttribute('aria-pressed', 'true');
  await expect(row.getByTestId('issue-sparkline')).toHaveAttribute('data-period', '14d');

  await row.getByTestId('issue-title').click();
  const chart = page.getByTestId('issue-chart');
  await expect(chart.getByTestId('issue-chart-total')).toHaveText('10 events in the last 14 days');
  await expect(chart.getByTestId('issue-chart-bar')).toHaveCount(14);
  for (const [daysAgo, count] of PLAN) {
    const bar = chartBar(page, daysAgo);
    await expect(bar).toHaveAttribute('data-count', String(count));
    await expect(bar).toHaveAttribute('data-users', String(count));
  }
  await expect(chartBar(page, 1)).toHaveAttribute('data-count', '0');
  await expect(chart.getByTestId('first-seen-mark')).toHaveCount(1);
  await expect(chart.getByTestId('last-seen-mark')).toHaveCount(1);

  // The period choice: 7 days leave out the first day, so first seen is before it.
  await page.getByTestId('history-period-7d').click();
  await expect(chart.getByTestId('issue-chart-bar')).toHaveCount(7);
  await expect(chart.getByTestId('issue-chart-total')).toHaveText('6 events in the last 7 days');
  await expect(chart.getByTestId('first-seen-mark')).toHaveCount(0);
  await page.getByTestId('history-period-30d').click();
  await expect(chart.getByTestId('issue-chart-bar')).toHaveCount(30);
  await expect(chart.getByTestId('issue-chart-total')).toHaveText('10 events in the last 30 days');

  // Keyboard: the plot takes focus and the arrows read the bars out.
  await page.getByTestId('history-period-14d').click();
  await expect(chart.getByTestId('issue-chart-bar')).toHaveCount(14);
  await chart.getByTestId('issue-chart-plot').focus();
  await page.keyboard.press('End');
  await expect(chart.getByTestId('issue-chart-readout')).toHaveText(/\(UTC\): 3 events, 3 users$/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(chart.getByTestId('issue-chart-readout')).toHaveText(/\(UTC\): 2 events, 2 users$/);

  // Live: a new event reaches the open page and its day's bar.
  await sendEvents(server.dsn, 0, 1, 100);
  await expect(page.getByTestId('detail-count')).toHaveText('11');
  await expect(chartBar(page, 0)).toHaveAttribute('data-count', '4');
  await expect(chart.getByTestId('issue-chart-total')).toHaveText('11 events in the last 14 days');
});

for (const width of [800, 600]) {
  test(`the issue page chart fits a ${width} px window`, async ({ page, server }) => {
    await sendEvents(server.dsn, 3, 2, 0);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.url}/#/issues`);
    await page.getByTestId('issue-title').first().click();
    const plot = page.getByTestId('issue-chart-plot');
    await expect(chartBar(page, 3)).toHaveAttribute('data-count', '2');
    const box = await plot.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
    // Every period button can be seen and pressed.
    await page.getByTestId('history-period-all').click();
    await expect(page.getByTestId('history-period-all')).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}
