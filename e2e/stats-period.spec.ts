/**
 * The Stats view says which period its counts cover: from the window's first hour, or from the
 * first hour anything was counted when the window reaches further back, and that counts are kept
 * as long as events (`--max-age-days`, else Settings), since retention prunes them with the events.
 * The counts come from a real @sentry/node client.
 * @see https://docs.sentry.io/product/stats/
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { test as base, expect } from '@playwright/test';
import { startServer, type RunningServer } from './server';

/** `lookout serve --max-age-days 7`: the retention the view must state. */
const test = base.extend<{ server: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  server: async ({}, use) => {
    const server = await startServer({ args: ['--max-age-days', '7'] });
    await use(server);
    await server.stop();
  },
});

test('the Stats view says the period its counts cover and how long they are kept', async ({ page, server }) => {
  const client = new NodeClient({ dsn: server.dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [],
    sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.captureException(new Error('counted in Stats'));
  expect(await client.flush(10_000)).toBe(true);

  await page.goto(`${server.url}/#/stats?hours=720`);
  const errors = page.getByTestId('stats-category').and(page.locator('[data-category="error"]'));
  await expect(errors.getByTestId('stats-accepted')).toHaveText('1');
  const period = page.getByTestId('stats-period');
  // 30 days asked, one hour counted so far: it says from when it really counts, and the 7 days kept.
  await expect(period).toContainText('(nothing older is counted)');
  await expect(period).toContainText('Counts are kept 7 days, as long as events');
  await page.getByTestId('stats-window-1').click();
  await expect(period).not.toContainText('nothing older');
  await expect(period).toContainText('Counts are kept 7 days');
});
