import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectSearchRows } from './helpers/issue-search-page';
import { nodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';

const rows = (page: Page) => page.getByTestId('issue-row');
const search = (page: Page) => page.getByTestId('search-input');
const options = (page: Page) => page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option');

/**
 * Sentry's `firstRelease:` and `release:latest` in the issue list, from a real @sentry/node app released as
 * shop@1.2.0, then shop@1.10.0, then a hotfix of the older line, shop@1.9.0 (latest by version is 1.10.0).
 */
test('firstRelease: and release:latest filter the list, the box suggests latest, and an unknown key is said under it', async ({ page, server }) => {
  const releases: [string, string[]][] = [
    ['shop@1.2.0', ['Coupon below zero']], ['shop@1.10.0', ['Cart lost', 'Coupon below zero']], ['shop@1.9.0', ['Hotfix regression']],
  ];
  for (const [release, messages] of releases) {
    const node = nodeSender(server.dsn, { release });
    for (const message of messages) captureNamedFailure(node, message, { fingerprint: [message] });
    await node.flush();
  }
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);

  const expectRows = (query: string, titles: string[]) => expectSearchRows(page, query, titles);
  await expectRows('firstRelease:shop@1.2.0', ['Coupon below zero']);
  await expect(page.getByTestId('search-note')).toHaveCount(0);
  await expectRows('!first-release:shop@1.2.0', ['Cart lost', 'Hotfix regression']);
  await expectRows('firstRelease:latest', ['Cart lost']);
  await expect(page.getByTestId('search-note')).toHaveText('"latest" is shop@1.10.0: the newest release of each project searched.');
  await expectRows('release:latest', ['Cart lost', 'Coupon below zero']);

  // The box offers `latest` first, then the releases issues were first seen in.
  await search(page).fill('');
  await search(page).focus();
  await page.keyboard.type('firstRel');
  await expect(options(page).first()).toHaveText(/^firstRelease:/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(search(page)).toHaveValue('firstRelease:');
  await expect(options(page)).toHaveText(['latest', 'shop@1.10.0', 'shop@1.2.0', 'shop@1.9.0']);

  // The Release menu offers `latest` first and reads it as `release:latest` does, not as a release named "latest".
  await search(page).fill('');
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('query')).toBeNull();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.locator('#release-filter-options option').first()).toHaveAttribute('value', 'latest');
  await page.getByTestId('release-filter').fill('latest');
  await page.getByTestId('release-filter').press('Enter');
  await expect(rows(page)).toHaveCount(2);
  for (const title of ['Cart lost', 'Coupon below zero']) await expect(rows(page).filter({ hasText: title })).toHaveCount(1);
  await expect(page.getByTestId('search-note')).toHaveText('"latest" is shop@1.10.0: the newest release of each project searched.');
  await page.getByTestId('release-filter').fill('');
  await page.getByTestId('release-filter').press('Enter');

  // A key Lookout does not know is said, never a silent "0 issues".
  await expectRows('first_releases:shop@1.2.0', []);
  await expect(page.getByTestId('search-note')).toHaveText(
    'No issue has a "first_releases" tag and Lookout has no such search key: "first_releases:shop@1.2.0" was looked for as text.');
  await page.screenshot({ path: 'test-results/issue-search-release/unknown-key-note.png' });
});
