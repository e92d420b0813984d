/**
 * A release's page lists its Unhandled issues and the issues Resolved in it, as the tabs of Sentry's
 * release details; the Releases table keeps every column in an 800 px window, scrolling sideways
 * with a hint. Real @sentry/node in its own process.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/releases/detail/overview/releaseIssues.tsx
 */
import { test, expect } from './fixtures';
import { run } from './helpers/sentry-node-traces';

/** Errors of `release`, each its own issue (`handled: false` ones with an unhandled mechanism); answers their issue ids by message. */
async function send(dsn: string, api: string, release: string, errors: { message: string; handled: boolean }[]): Promise<Map<string, number>> {
  const out = await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: ${JSON.stringify(release)}, defaultIntegrations: false });
const out = {};
for (const { message, handled } of ${JSON.stringify(errors)}) {
  Sentry.withScope((scope) => {
    scope.setFingerprint([message]);
    out[message] = Sentry.captureException(new Error(message), handled ? undefined : { mechanism: { type: 'onuncaughtexception', handled: false } });
  });
}
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`);
  const ids = new Map<string, number>();
  // Lookout answers the SDK once the events are committed: after the flush they are there.
  for (const [message, eventId] of Object.entries(out)) {
    ids.set(message, ((await (await fetch(`${api}/events/${eventId}`)).json()) as { issueId: number }).issueId);
  }
  return ids;
}

test('a release page lists its unhandled issues and the issues resolved in it, each tab with its count', async ({ page, server }) => {
  const api = `${server.url}/_lookout/api`;
  const first = await send(server.dsn, api, 'shop@1.0.0', [
    { message: 'Coupon total is negative', handled: true }, { message: 'Checkout crashed on submit', handled: false },
  ]);
  await fetch(`${api}/issues/${first.get('Coupon total is negative')}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved_next_release"}',
  });
  await send(server.dsn, api, 'shop@1.1.0', [{ message: 'Search box loses focus', handled: true }]);

  await page.goto(`${server.url}/#/releases/1/${encodeURIComponent('shop@1.0.0')}`);
  await expect(page.getByTestId('release-tab-unhandled')).toHaveText('Unhandled (1)');
  await expect(page.getByTestId('release-tab-resolved')).toHaveText('Resolved (0)');
  await page.getByTestId('release-tab-unhandled').click();
  await expect(page.getByTestId('release-unhandled-issues').getByRole('link')).toHaveText(['Error: Checkout crashed on submit']);
  await page.getByTestId('release-tab-all').click();
  await expect(page.getByTestId('release-seen-issues').getByRole('link')).toHaveCount(2);

  await page.goto(`${server.url}/#/releases/1/${encodeURIComponent('shop@1.1.0')}`);
  await expect(page.getByTestId('release-tab-resolved')).toHaveText('Resolved (1)');
  await page.getByTestId('release-tab-resolved').click();
  const resolved = page.getByTestId('release-resolved-issues').getByRole('link', { name: 'Error: Coupon total is negative' });
  await expect(resolved).toBeVisible();
  await page.getByTestId('release-tab-unhandled').click();
  await expect(page.getByTestId('release-unhandled-issues-empty')).toBeVisible();
  await page.getByTestId('release-tab-resolved').click();
  await resolved.click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Coupon total is negative');
});

test('at 800 px the Releases table keeps every column, scrolls sideways and says so', async ({ page, server }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  const api = `${server.url}/_lookout/api`;
  await send(server.dsn, api, 'shop@3.0.0', [{ message: 'Narrow window error', handled: false }]);
  await page.goto(`${server.url}/#/releases`);
  const table = page.getByTestId('releases-table');
  const headers = table.locator('thead th');
  await expect(headers).toHaveText(['Release', 'Project', 'Adoption', 'Crash-free sessions', 'Crash-free users', 'Sessions', 'Events',
    'New issues', 'Regressions', 'Environments', 'First seen', 'Last seen']);
  // None is hidden: each has a box (display: none has none).
  for (const name of ['Crash-free users', 'New issues', 'Last seen']) expect(await table.getByRole('columnheader', { name, exact: true }).boundingBox()).not.toBeNull();
  const region = page.getByTestId('releases-scroll');
  await expect(region).toHaveAttribute('data-overflowing', 'true');
  await expect(page.getByTestId('releases-scroll-hint')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Last seen' })).not.toBeInViewport({ ratio: 1 });

  await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await expect(region).toHaveAttribute('data-at-end', 'true');
  await expect(page.getByTestId('releases-scroll-hint')).toBeHidden();
  await expect(table.getByRole('columnheader', { name: 'Last seen' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('release-row').getByTestId('release-new-issues')).toHaveText('1');
  // The release column stays in place while the figures scroll under it.
  await expect(page.getByTestId('release-link')).toBeInViewport({ ratio: 1 });
});
