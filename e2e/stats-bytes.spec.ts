/**
 * The Stats view counts attachments as Relay does, in bytes (`attachment`, shown as a size) and per
 * item (`attachment_item`), from an error with two attachments a real @sentry/node client sends.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (quantities)
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { expect, test } from './fixtures';

test('accepted attachments show their size and their count', async ({ page, server }) => {
  const client = new NodeClient({ dsn: server.dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [],
    sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.addAttachment({ filename: 'cart.json', data: 'x'.repeat(3 * 1024) });
  scope.addAttachment({ filename: 'notes.txt', data: 'y'.repeat(1024) });
  scope.captureException(new Error('totals with attachments'));
  expect(await client.flush(10_000)).toBe(true);

  await page.goto(`${server.url}/#/stats?hours=24`);
  const category = (name: string) => page.getByTestId('stats-category').and(page.locator(`[data-category="${name}"]`));
  await expect(category('attachment').getByTestId('stats-accepted')).toHaveText('4.0 KiB');
  await expect(category('attachment')).toContainText('attachments (size)');
  await expect(category('attachment_item').getByTestId('stats-accepted')).toHaveText('2');
  await expect(category('error').getByTestId('stats-accepted')).toHaveText('1');
  await page.getByTestId('stats-categories').screenshot({ path: 'test-results/stats-bytes.png' });
});
