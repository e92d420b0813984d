import { test, expect } from './fixtures';
import { errorAmongLogs } from './helpers/sentry-node-event-logs';

/**
 * The Logs section's "show more" says how many logs it adds: from a real @sentry/node app with 6 logs before
 * its error (5 shown, 1 left) and 30 after (5 shown, 25 left), never "Show 25" for a single one.
 */
test('the issue page\'s Logs section offers exactly the logs that are left', async ({ page, server }) => {
  const run = await errorAmongLogs(server.dsn, 5, 30);
  await page.goto(`${server.url}/#/events/${run.errorId}`);
  const section = page.getByTestId('event-logs');
  const logs = section.getByTestId('event-log');
  await expect(logs).toHaveCount(10);

  const earlier = section.getByTestId('event-logs-more-before');
  const later = section.getByTestId('event-logs-more-after');
  await expect(earlier).toHaveText('Show 1 earlier log');
  await expect(later).toHaveText('Show 25 later logs');
  await page.screenshot({ path: 'test-results/event-logs-more/more-buttons.png' });

  await earlier.click();
  await expect(logs).toHaveCount(11);
  await expect(logs.getByTestId('event-log-body').first()).toHaveText('step 1 of the order');
  await expect(earlier).toHaveCount(0);
  await later.click();
  await expect(logs).toHaveCount(36);
  await expect(logs.getByTestId('event-log-body').last()).toHaveText('cleanup 30');
  await expect(later).toHaveCount(0);
});
