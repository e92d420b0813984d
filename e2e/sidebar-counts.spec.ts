/**
 * The sidebar's project counts say what they count, and count a performance issue's events: an
 * N+1 Query found in a real @sentry/node transaction is filed as an occurrence in its issue (not
 * as an event of kind `event`), which the count used to miss ("1 · 0").
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/issue_occurrence.py
 */
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { nPlusOneRequest } from './helpers/sentry-node-n-plus-one';

test('a project with an N+1 issue and an error reads "2 issues · 2 events"', async ({ page, server }) => {
  await nPlusOneRequest(server.dsn, { query: 'SELECT * FROM "posts" WHERE "author_id" = $1', authors: 10, queryMs: 8 });
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('ledger out of balance'));
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  const counts = page.getByTestId('project-item').first().getByTestId('project-counts');
  await expect(counts).toHaveText('2 issues · 2 events');
  await expect(counts).toHaveAttribute('title', '2 issues, 2 events');
});
