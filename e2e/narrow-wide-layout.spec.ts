import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

/** Screenshots of the layouts checked here, for a look when the CSS changes. */
const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/narrow-wide-layout';

/** Elements whose text runs past their box (cut off, with or without an ellipsis). */
async function clipped(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent ?? ''));
}

/** Errors of two releases from real @sentry/node, as a Node API sends them. */
async function releasedErrors(dsn: string): Promise<void> {
  const sender = nodeSender(dsn, { release: 'shop-api@1.4.1', environment: 'production' });
  sender.capture(new Error('db pool exhausted'));
  sender.capture(new TypeError('Cannot read properties of undefined (reading \'price\')'));
  await sender.flush();
  const older = nodeSender(dsn, { release: 'shop-api@1.4.0', environment: 'production' });
  older.capture(new Error('sync failed: upstream 502'));
  await older.flush();
}

test('at 800 px the issue rows show their release whole and the sidebar rail fits its labels', async ({ page, server }) => {
  await releasedErrors(server.dsn);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(`${server.url}/#/issues`);
  const releases = page.getByTestId('issue-release');
  await expect(releases).toHaveCount(3);
  expect(await clipped(releases)).toEqual([]);
  expect(await clipped(page.getByTestId('issue-row').locator('.issue-meta'))).toEqual([]);
  // At 800 px the row is narrow: its age shows as "… old" (first seen was dropped here before).
  await expect(page.getByTestId('issue-age').first()).toBeVisible();
  // Every rail label fits its pill, and the pills (the active one's marker too) fit the rail.
  const links = page.locator('.nav-list a');
  expect(await links.count()).toBeGreaterThan(8);
  expect(await clipped(links)).toEqual([]);
  const rail = await page.locator('.sidebar').evaluate((e) => e.getBoundingClientRect().right);
  const rights = await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  expect(rights.every((r) => r <= rail)).toBe(true);
  await expect(page.locator('.nav-list a.active')).toHaveText('Issues');
  await page.screenshot({ path: `${SCREENS}/issues-800.png` });

  // Narrower still, the release gives way last, with an ellipsis and its whole name in its title.
  await page.setViewportSize({ width: 560, height: 900 });
  const release = releases.first();
  expect(await release.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
  await expect(release).toHaveAttribute('title', /Last release: shop-api@1\.4\.[01]/);
  await expect(page.getByTestId('issue-first-seen')).toHaveCount(3);
  await expect(page.getByTestId('issue-first-seen').first()).toBeHidden();
  // The age stays in sight, shorter ("2m old", Sentry's word), never cut.
  await expect(page.getByTestId('issue-age').first()).toBeVisible();
  await expect(page.getByTestId('issue-age').first()).toHaveText(/^(\d+[mhd] old|new)$/);
  expect(await clipped(page.getByTestId('issue-age'))).toEqual([]);
});

test('the Releases table fits a 1400 px window without a horizontal scrollbar', async ({ page, server }) => {
  await releasedErrors(server.dsn);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.url}/#/releases`);
  const table = page.getByTestId('releases-table');
  await expect(table.getByTestId('release-link')).toHaveCount(2);
  const card = table.locator('xpath=..');
  expect(await card.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  // Every column is there at this width, none cut.
  await expect(table.locator('thead th')).toHaveCount(12);
  expect(await table.locator('thead th').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display === 'none').length)).toBe(0);
  expect(await clipped(table.locator('td'))).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/releases-1400.png` });
});
