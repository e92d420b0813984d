/**
 * The issue page's status says which release an issue "resolved in the next release" was resolved in,
 * as Sentry's does, once the app sends from a newer release, and so does its row in the issue list:
 * real @sentry/node in its own process.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/tasks/clear_expired_resolutions.py
 */
import type { IssueDetail } from '../src/shared/api-types';
import { expect, test } from './fixtures';
import { run } from './helpers/sentry-node-traces';

/** One error of `release`, grouped by its message; answers its issue id once Lookout has it. */
async function send(dsn: string, api: string, release: string, message: string): Promise<number> {
  const out = await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: ${JSON.stringify(release)}, defaultIntegrations: false });
const out = {};
Sentry.withScope((scope) => { scope.setFingerprint([${JSON.stringify(message)}]); out.id = Sentry.captureException(new Error(${JSON.stringify(message)})); });
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`);
  // Lookout answers the SDK once the event is committed: after the flush it is there.
  return ((await (await fetch(`${api}/events/${out.id}`)).json()) as { issueId: number }).issueId;
}

test('"Resolved in next release" becomes "Resolved in shop-web@2.5.0" on the page and in the list row when the app sends from it', async ({ page, server }) => {
  const api = `${server.url}/_lookout/api`;
  const issueId = await send(server.dsn, api, 'shop-web@2.4.0', 'Cart badge shows a negative count');
  await fetch(`${api}/issues/${issueId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved_next_release"}' });

  // The Resolved list's row says it is waiting for the next release, after which one.
  await page.goto(`${server.url}/#/issues?status=resolved`);
  const rowStatus = page.locator(`[data-testid="issue-row"][data-issue-id="${issueId}"]`).getByTestId('issue-status');
  await expect(rowStatus).toHaveText('Resolved in next release');
  await expect(rowStatus).toHaveAttribute('title', 'Resolved in the next release after shop-web@2.4.0');

  await page.goto(`${server.url}/#/issues/${issueId}`);
  const status = page.getByTestId('detail-status');
  await expect(status).toHaveText('Resolved in next release');
  await expect(status).toHaveAttribute('title', 'Resolved in the next release after shop-web@2.4.0');

  // Another error of the app, from the next build: this issue stays resolved, now in that release.
  expect(await send(server.dsn, api, 'shop-web@2.5.0', 'Search box loses focus')).not.toBe(issueId);
  expect(((await (await fetch(`${api}/issues/${issueId}`)).json()) as IssueDetail).resolvedInRelease).toBe('shop-web@2.5.0');
  await page.reload();
  await expect(status).toHaveText('Resolved in shop-web@2.5.0');
  await expect(status).toHaveAttribute('title', 'Resolved in the first release after shop-web@2.4.0: shop-web@2.5.0');

  // Back in the list (loaded anew after the reload), the row names the release as the page does.
  await page.goto(`${server.url}/#/issues?status=resolved`);
  await expect(rowStatus).toHaveText('Resolved in shop-web@2.5.0');
  await expect(rowStatus).toHaveAttribute('title', 'Resolved in the first release after shop-web@2.4.0: shop-web@2.5.0');
});
