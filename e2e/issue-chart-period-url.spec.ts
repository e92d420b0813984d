/**
 * The issue page chart's period is kept in its URL (`#/issues/12?period=7d`) as well as for the next
 * page opened: a copied link reopens the period it was copied with, in a browser that never picked
 * one. The events come from a real @sentry/node client whose `beforeSend` dates one days back.
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type ErrorEvent } from '@sentry/node';
import { expect, test } from './fixtures';

async function sendEvent(dsn: string, daysAgo: number): Promise<void> {
  const client = new NodeClient({ dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], sendClientReports: false,
    beforeSend: (event: ErrorEvent) => ({ ...event, timestamp: Date.now() / 1000 - daysAgo * 86_400 }) });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.setFingerprint(['the-chart-period-link']);
  scope.captureException(new Error('totals drift over the week'));
  expect(await client.flush(10_000)).toBe(true);
}

test('a picked chart period goes into the URL, and the link reopens it in another browser', async ({ page, server, browser }) => {
  await sendEvent(server.dsn, 3);
  await sendEvent(server.dsn, 0);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').first().click();
  const total = page.getByTestId('issue-chart-total');
  await expect(total).toHaveText('2 events in the last 14 days');
  await expect(page).not.toHaveURL(/period=/);

  await page.getByTestId('history-period-24h').click();
  await expect(total).toHaveText('1 event in the last 24 hours');
  await expect(page).toHaveURL(/#\/issues\/\d+(\/events\/[0-9a-f]+)?\?period=24h$/);
  const link = page.url();

  // Another browser context: no period picked there, the link's wins.
  const other = await browser.newContext();
  const tab = await other.newPage();
  await tab.goto(link);
  await expect(tab.getByTestId('history-period-24h')).toHaveAttribute('aria-pressed', 'true');
  await expect(tab.getByTestId('issue-chart-total')).toHaveText('1 event in the last 24 hours');
  // A link naming 7 days opens 7 days, though this browser last picked 24 hours.
  await tab.getByTestId('history-period-7d').click();
  await expect(tab).toHaveURL(/\?period=7d$/);
  await page.goto(link.replace('period=24h', 'period=7d'));
  await page.reload();
  await expect(page.getByTestId('history-period-7d')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('issue-chart-total')).toHaveText('2 events in the last 7 days');
  await other.close();
});
