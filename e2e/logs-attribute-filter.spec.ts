import { test, expect } from './fixtures';
import { emitLogs } from './helpers/sentry-node-traces';

/** Logs filtered by attribute, as in Sentry's log explorer, with real `Sentry.logger` logs from @sentry/node. */
test('the Logs search filters by attribute, suggests keys and values, explains bad syntax, and a clicked attribute becomes a filter', async ({ page, server }) => {
  await emitLogs(server.dsn, [
    { level: 'info', body: 'cart loaded', attributes: { customer: 'c3', items: 2 } },
    { level: 'warn', body: 'payment slow', attributes: { customer: 'c30', region: 'eu-west' } },
    { level: 'error', body: 'payment failed', attributes: { customer: 'c7', items: 9 } },
  ]);
  await page.goto(`${server.url}/#/logs`);
  await expect(page.getByTestId('log-row')).toHaveCount(3);
  const search = page.getByTestId('logs-search');

  // `customer:c3` once matched no log: only bodies were searched.
  await search.fill('customer:c3');
  await expect(page).toHaveURL(/query=customer%3Ac3/);
  await expect(page.getByTestId('log-body')).toHaveText(['cart loaded']);
  await search.fill('!customer:c3 severity:warn');
  await expect(page.getByTestId('log-body')).toHaveText(['payment slow']);
  await search.fill('items:>5');
  await expect(page.getByTestId('log-body')).toHaveText(['payment failed']);
  await search.fill('has:region');
  await expect(page.getByTestId('log-body')).toHaveText(['payment slow']);

  // Suggestions: the attribute keys the logs have, then that key's values.
  await search.fill('');
  await expect(page.getByTestId('log-row')).toHaveCount(3);
  await search.pressSequentially('cust');
  await expect(page.getByTestId('logs-search-suggestion').filter({ hasText: 'customer:' })).toBeVisible();
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(search).toHaveValue('customer:');
  await search.pressSequentially('c3');
  await expect(page.getByTestId('logs-search-suggestion')).toHaveText(['c3', 'c30']);
  await page.getByTestId('logs-search-suggestion').filter({ hasText: 'c30' }).click();
  await expect(search).toHaveValue('customer:c30 ');
  await expect(page.getByTestId('log-body')).toHaveText(['payment slow']);

  // Bad syntax is said under the box, not silently searched.
  await search.fill('items:>many');
  await expect(page.getByTestId('logs-search-notes')).toContainText('items:> needs a number');
  await search.fill('');
  await expect(page.getByTestId('logs-search-notes')).toHaveCount(0);
  await expect(page.getByTestId('log-row')).toHaveCount(3);

  // Clicking an attribute of an expanded log adds it as a filter.
  await page.getByTestId('log-body').filter({ hasText: 'payment failed' }).click();
  await page.getByTestId('log-detail').getByTestId('log-attribute-filter').filter({ hasText: /^customer$/ }).click();
  await expect(search).toHaveValue('customer:c7');
  await expect(page.getByTestId('log-body')).toHaveText(['payment failed']);
  await page.reload();
  await expect(search).toHaveValue('customer:c7');
  await expect(page.getByTestId('log-body')).toHaveText(['payment failed']);
});
