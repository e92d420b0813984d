/**
 * The second review's "Re-group with source maps" in two windows: errors of a minified bundle
 * (real @sentry/browser in Chromium) open issues on minified frames; once the source folder is
 * set, the same errors open mapped issues beside them. The old issue's page opens its crashing
 * frame with its context, as Sentry does, named by the path its map resolves to; re-grouping merges it into the mapped one, and both
 * windows drop it from the list and count one issue fewer at once, without a reload.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssueSummary, Page as ListPage } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';
import { buildDebugIdBundle } from './helpers/debug-id-bundle';

const DEBUG_ID = '6d1f3b5a-8c2e-4a7b-9d0e-1f2a3b4c5d6e';
const TITLE = 'Cart total failed for 3 lines';

const SOURCES: Record<string, string> = {
  'src/cart.js': [
    'export function cartTotal(lines) {',
    '  const count = lines.length;',
    '  throw new Error(`Cart total failed for ${count} lines`);',
    '}',
    '',
  ].join('\n'),
  'src/main.js': [
    "import { cartTotal } from './cart.js';",
    '',
    'setTimeout(() => cartTotal([1, 2, 3]));',
    '',
  ].join('\n'),
};

let root: string;
test.beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'lookout-e2e-regroup-live-')); });
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test('re-grouping with source maps updates every open window, and the crashing frame opens with its context', async ({ browser, page, server }) => {
  const js = await buildDebugIdBundle(root, SOURCES, 'src/main.js', DEBUG_ID);
  // Nothing can be fetched from the app's server: only the source folder maps the frames.
  const appJs = readFileSync(js, 'utf8').replace(/\/\/# sourceMappingURL=\S+\n?/, '');
  const issues = async () => (await (await fetch(`${server.url}/_lookout/api/issues?status=all`)).json() as ListPage<IssueSummary>).items;
  const runApp = async () => {
    const app = await browser.newPage();
    await runBrowserApp(app, server.dsn, appJs);
    await app.close();
  };

  await runApp();
  await expect.poll(async () => (await issues()).length, { timeout: 20_000 }).toBe(1);
  const [minified] = await issues();
  // The old issue's page is open while the source folder is set (in Settings, as the review did).
  await page.goto(`${server.url}/#/issues/${minified!.id}`);
  await expect(page.getByTestId('issue-detail-title')).toContainText(TITLE);
  await page.goto(`${server.url}/#/settings`);
  const saved = await fetch(`${server.url}/_lookout/api/projects/1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sourceRoots: [join(root, 'dist')] }) });
  expect(saved.status).toBe(200);
  await runApp();
  await expect.poll(async () => (await issues()).length, { timeout: 20_000 }).toBe(2);

  // A second window on the list, the first on the old issue.
  const other = await browser.newPage();
  await other.goto(`${server.url}/#/issues`);
  const otherRows = other.getByTestId('issue-row').filter({ hasText: TITLE });
  await expect(otherRows).toHaveCount(2);
  await expect(other.getByTestId('project-counts')).toContainText('2 issues');

  await page.goBack();
  await expect(page.getByTestId('resymbolicated-notice')).toBeVisible();
  // The innermost in-app frame of the crashing exception is open with its context lines.
  const crashing = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(crashing.getByTestId('frame-function')).toHaveText('cartTotal');
  // The map names `../../src/cart.js` next to dist/static/app.js.map: shown as the path it resolves to, without the climb.
  await expect(crashing.getByTestId('frame-file')).toHaveText(/^src\/cart\.js:3:\d+$/);
  await expect(crashing.locator('.frame-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(crashing.locator('[data-testid="context-line"][data-error="true"]')).toContainText('throw new Error(`Cart total failed');

  await page.getByTestId('regroup-sourcemaps').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText(TITLE);
  await expect(page).not.toHaveURL(new RegExp(`#/issues/${minified!.id}(?:$|[/?])`));
  // The other window hears it: one row, one issue in the sidebar, as the API says.
  await expect(otherRows).toHaveCount(1);
  await expect(other.getByTestId('project-counts')).toContainText('1 issue');
  await expect(page.getByTestId('project-counts')).toContainText('1 issue');
  expect(await issues()).toHaveLength(1);
  await other.close();
});
