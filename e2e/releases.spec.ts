/**
 * Releases, as Sentry's Releases page: two real @sentry/browser pages in Chromium, each of its own
 * release, one throwing an unhandled error. The browser SDK reports that session as `unhandled`
 * (@sentry/browser 11: "unhandled errors don't actually crash the browser"), not `crashed`, so both
 * releases stay 100 % crash-free while the throwing one shows its unhandled session and its new issue.
 * @see https://docs.sentry.io/product/releases/health/
 */
import type { ReleaseList } from '../src/shared/api-releases';
import { test, expect } from './fixtures';
import { openReleasePage } from './helpers/sentry-browser-release';
import { run } from './helpers/sentry-node-traces';

const THROWS = "setTimeout(() => { window.__thrown = true; throw new Error('Checkout broke in 2.0'); });";

test('the Releases view lists two browser releases live, a release page shows its new issue, the issue links back', async ({ browser, page, server }) => {
  const releases = async () => (await (await fetch(`${server.url}/_lookout/api/releases`)).json()) as ReleaseList;
  await page.goto(`${server.url}/#/releases`);
  await expect(page.getByTestId('releases-empty')).toContainText('release:');

  const app = await browser.newPage();
  await openReleasePage(app, server.dsn, 'shop@1.0.0+7');
  await openReleasePage(app, server.dsn, 'shop@2.0.0', THROWS);
  await expect.poll(async () => (await releases()).releases.map((r) => `${r.version}:${r.sessions}:${r.events}`).sort())
    .toEqual(['shop@1.0.0+7:1:0', 'shop@2.0.0:1:1']);
  const sent = (await releases()).releases.find((r) => r.version === 'shop@2.0.0')!;
  expect(sent.bySession).toEqual({ healthy: 0, errored: 0, unhandled: 1, abnormal: 0, crashed: 0 });

  // Live, without a reload: both rows, as Sentry shows the versions.
  const row = (version: string) => page.getByTestId('release-row').and(page.locator(`[data-version="${version}"]`));
  await expect(row('shop@1.0.0+7').getByTestId('release-link')).toHaveText('1.0.0 (7)');
  await expect(row('shop@2.0.0').getByTestId('release-link')).toHaveText('2.0.0');
  await expect(row('shop@2.0.0').getByTestId('release-crash-free-sessions')).toHaveText('100%');
  await expect(row('shop@2.0.0').getByTestId('release-sessions')).toHaveText('1');
  await expect(row('shop@2.0.0').getByTestId('release-new-issues')).toHaveText('1');
  await expect(row('shop@1.0.0+7').getByTestId('release-new-issues')).toHaveText('0');
  await expect(row('shop@1.0.0+7').getByTestId('release-adoption')).toHaveText('50%');

  await page.getByTestId('releases-search').fill('1.0');
  await page.getByTestId('releases-search').press('Enter');
  await expect(page.getByTestId('release-row')).toHaveCount(1);
  await page.getByTestId('releases-search').fill('');
  await page.getByTestId('releases-search').press('Enter');

  await row('shop@2.0.0').getByTestId('release-link').click();
  await expect(page.getByTestId('release-title')).toHaveText('2.0.0');
  await expect(page.getByTestId('release-outcomes')).toContainText('Unhandled 1');
  // Seen within one hour, it still gets a day's chart: 24 hours, its own last, under a time axis.
  await expect(page.getByTestId('release-chart-hour')).toHaveCount(24);
  await expect(page.getByTestId('release-chart-hour').last()).not.toHaveAttribute('data-total', '0');
  await expect(page.getByTestId('release-chart-tick')).toHaveCount(4);
  const newIssue = page.getByTestId('release-new-issues').getByRole('link', { name: 'Error: Checkout broke in 2.0' });
  await expect(newIssue).toBeVisible();

  await newIssue.click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout broke in 2.0');
  await page.getByTestId('issue-first-release').click();
  await expect(page.getByTestId('release-title')).toHaveText('2.0.0');
  await expect(page).toHaveURL(/#\/releases\/1\/shop%402\.0\.0$/);
});

test('the Releases view pages a long list: 50 rows, then "Load more" adds the rest, each release once', async ({ page, server }) => {
  // 60 releases, each named by one event of the real @sentry/node SDK (its scope's release, per event).
  await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(server.dsn)}, defaultIntegrations: false });
for (let i = 0; i < 60; i++) Sentry.withScope((scope) => {
  scope.addEventProcessor((e) => ({ ...e, release: 'many@1.' + i + '.0' }));
  Sentry.captureMessage('deployed 1.' + i);
});
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write('{}');
`);
  const total = async () => (await (await fetch(`${server.url}/_lookout/api/releases?limit=500`)).json() as ReleaseList).releases.length;
  await expect.poll(total).toBe(60);
  await page.goto(`${server.url}/#/releases`);
  const rows = page.getByTestId('release-row');
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId('releases-shown')).toHaveText('50 shown');
  await page.getByTestId('releases-load-more').click();
  await expect(rows).toHaveCount(60);
  await expect(page.getByTestId('releases-load-more')).toHaveCount(0);
  const versions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-version')));
  expect(new Set(versions).size).toBe(60);
});
