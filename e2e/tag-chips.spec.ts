/**
 * An event's tag chips link to the issue list searched for that tag (`key:"value"`, any status),
 * as Sentry's tag chips do. Two real @sentry/node errors with different tags: clicking one's chip
 * lists only its issue.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/#tags
 */
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

test('clicking an event tag chip lists the issues with that tag', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('cart total is negative'), { tags: { feature: 'checkout' } });
  sender.capture(new RangeError('invoice number overflow'), { tags: { feature: 'billing' } });
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  await page.getByTestId('issue-row').filter({ hasText: 'cart total is negative' }).getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('cart total is negative');

  const chip = page.getByTestId('event-tags').getByTestId('event-tag').filter({ hasText: 'feature' });
  await expect(chip).toHaveAttribute('title', 'Issues with feature: checkout');
  await chip.click();
  await expect(page).toHaveURL(/#\/issues\?/);
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await expect(page.getByTestId('issue-row')).toContainText('cart total is negative');
  await expect(page.getByTestId('search-input')).toHaveValue('feature:"checkout"');
});
