import { test, expect } from './fixtures';
import { errorAmongLogs, logInTrace } from './helpers/sentry-node-event-logs';

/**
 * The issue page's Logs section, as Sentry's: the logs of the event's trace around the error, the
 * error's moment between them, from a real @sentry/node app that logs, fails, and logs on.
 */
test('the issue page shows the trace\'s logs around the error, more on demand, and new ones live', async ({ page, server }) => {
  const run = await errorAmongLogs(server.dsn, 6, 2);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.url}/#/events/${run.errorId}`);
  await expect(page.getByTestId('issue-detail-title')).toContainText('card declined for order 77');

  const section = page.getByTestId('event-logs');
  const logs = section.getByTestId('event-log');
  const bodies = logs.getByTestId('event-log-body');
  // Five of the seven logs before the error (the newest), the error's moment, the two after it.
  await expect(bodies).toHaveText(['step 3 of the order', 'step 4 of the order', 'step 5 of the order', 'step 6 of the order',
    'card check slow', 'cleanup 1', 'cleanup 2']);
  expect(await logs.evaluateAll((els) => els.map((e) => e.getAttribute('data-side')))).toEqual(
    ['before', 'before', 'before', 'before', 'before', 'after', 'after']);
  await expect(logs.getByTestId('event-log-level')).toHaveText(['info', 'info', 'info', 'info', 'warn', 'info', 'info']);
  // The moment sits between the last log before and the first after; times are relative to the error.
  const order = await section.locator('[data-testid="event-log"], [data-testid="event-logs-moment"]').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-testid') === 'event-logs-moment' ? 'ERROR' : e.getAttribute('data-side')));
  expect(order.indexOf('ERROR')).toBe(5);
  const offsets = await logs.getByTestId('event-log-offset').allTextContents();
  expect(offsets.slice(0, 5).every((t) => t.startsWith('-'))).toBe(true);
  expect(offsets.slice(5).every((t) => t.startsWith('+'))).toBe(true);
  await expect(section.getByTestId('event-logs-open')).toHaveAttribute('href', `#/logs?trace=${run.traceId}`);

  // "Show more" reads the earlier logs of the trace; none is left after them.
  await section.getByTestId('event-logs-more-before').click();
  await expect(bodies.first()).toHaveText('step 1 of the order');
  await expect(logs).toHaveCount(9);
  await expect(section.getByTestId('event-logs-more-before')).toHaveCount(0);

  // A log's attributes show on expand.
  await bodies.nth(1).click();
  const attributes = section.getByTestId('event-log-detail').getByTestId('log-attributes');
  await expect(attributes).toContainText('customer');
  await expect(attributes).toContainText('c-9');
  await expect(bodies.nth(1)).toHaveAttribute('aria-expanded', 'true');

  // A later request of the same trace logs again: the section shows it without a reload.
  await logInTrace(server.dsn, run.traceId, 'error', 'retry of order 77 failed');
  await expect(bodies.last()).toHaveText('retry of order 77 failed');
  await expect(logs.last()).toHaveAttribute('data-side', 'after');
  await expect(logs.last()).toHaveAttribute('data-level', 'error');
  await page.screenshot({ path: 'test-results/event-logs/issue-logs-section.png', fullPage: false });

  // An attribute of an expanded log opens the Logs view of this trace filtered by it.
  await attributes.getByRole('button', { name: 'customer' }).click();
  await expect(page).toHaveURL(new RegExp(`#/logs\\?.*trace=${run.traceId}`));
  await expect(page.getByTestId('log-row')).toHaveCount(6);
});
