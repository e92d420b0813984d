/**
 * The review's duplicate issues: errors of a minified bundle (real @sentry/browser in Chromium)
 * are grouped on minified frames; the project's source folder is then added through the settings
 * API, and the same errors arrive again, mapped, opening new issues beside the old ones. Settings
 * offers to re-group the old issues; once run, each old issue is merged into the new one its
 * events now match: one issue per error, whose counts are the events stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssueSummary, Page } from '../src/shared/api-types';
import type { SourceRegroupStatus } from '../src/shared/api-source-regroup';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';
import { buildDebugIdBundle } from './helpers/debug-id-bundle';

const DEBUG_ID = '2b7e4c1d-9f3a-4e5b-8c6d-0a1b2c3d4e5f';
const COUPON = 'Coupon SPRING24 rejected with HTTP 404';

const SOURCES: Record<string, string> = {
  'src/pricing.js': [
    'export function lineTotal(line) {',
    '  const unit = line.price.amount;',
    '  return unit * line.qty;',
    '}',
    '',
    'export function applyCoupon(code) {',
    `  throw new Error(\`Coupon \${code} rejected with HTTP 404\`);`,
    '}',
    '',
  ].join('\n'),
  'src/main.js': [
    "import { applyCoupon, lineTotal } from './pricing.js';",
    '',
    "setTimeout(() => lineTotal({ sku: 'gift-card', qty: 1 }));",
    "setTimeout(() => applyCoupon('SPRING24'));",
    '',
  ].join('\n'),
};

/** Builds the bundle into `<root>/dist/static/app.js` (+ .map with the debug id); returns the code served, without its map comment. */
async function buildBundle(root: string): Promise<string> {
  const js = await buildDebugIdBundle(root, SOURCES, 'src/main.js', DEBUG_ID);
  // Nothing can be fetched from the app's server: only the source folder maps the frames.
  return readFileSync(js, 'utf8').replace(/\/\/# sourceMappingURL=\S+\n?/, '');
}

let root: string;
test.beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'lookout-e2e-regroup-')); });
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test('after a source folder is added, Settings re-groups the old issues into the new ones: one issue per error', async ({ browser, page, server }) => {
  const appJs = await buildBundle(root);
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}/_lookout/api/${path}`)).json()) as T;
  const issues = async () => (await api<Page<IssueSummary>>('issues?status=all')).items;
  const events = async () => (await issues()).reduce((n, i) => n + i.count, 0);
  const runApp = async () => {
    const app = await browser.newPage();
    await runBrowserApp(app, server.dsn, appJs);
    await app.close();
  };

  // Two page loads before any folder: both errors, twice each, grouped on minified frames.
  await runApp();
  await runApp();
  await expect.poll(events, { timeout: 20_000 }).toBe(4);
  const old = await issues();
  expect(old).toHaveLength(2);

  // The folder holding the maps, through the settings API; then the errors come again, mapped at ingest.
  const saved = await fetch(`${server.url}/_lookout/api/projects/1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sourceRoots: [join(root, 'dist')] }) });
  expect(saved.status).toBe(200);
  await runApp();
  await expect.poll(events, { timeout: 20_000 }).toBe(6);
  // As the review saw: new issues beside the old ones, looking the same in the list.
  expect(await issues()).toHaveLength(4);
  await expect.poll(async () => (await api<SourceRegroupStatus>('source-regroup')).state, { timeout: 20_000 }).toBe('offer');

  await page.goto(`${server.url}/#/settings`);
  const offer = page.getByTestId('source-regroup');
  await expect(offer.getByTestId('source-regroup-offer')).toContainText('2 issues have frames the new source maps resolve');
  await offer.screenshot({ path: 'test-results/ui-screens/source-regroup-offer.png' });
  await page.getByTestId('source-regroup-run').click();
  await expect(offer.getByTestId('source-regroup-result')).toContainText('2 issues re-grouped with the new source maps, 2 merged into the newer issue');
  await expect(offer.getByTestId('source-regroup-result')).toContainText('(4 events updated)');
  await offer.screenshot({ path: 'test-results/ui-screens/source-regroup-done.png' });

  // One issue per error, each counting the events stored for it; the old issues' links open them.
  const after = await issues();
  expect(after.map((i) => i.count).sort()).toEqual([3, 3]);
  for (const issue of after) {
    const stored = await api<Page<unknown>>(`issues/${issue.id}/events?limit=100`);
    expect(stored.items).toHaveLength(3);
  }
  const coupon = after.find((i) => i.title.includes(COUPON))!;
  expect(coupon.culprit).toContain('applyCoupon');
  const oldCoupon = old.find((i) => i.title.includes(COUPON))!;
  expect(oldCoupon.id).not.toBe(coupon.id);
  await page.goto(`${server.url}/#/issues/${oldCoupon.id}`);
  await expect(page.getByTestId('issue-detail-title')).toContainText(COUPON);
  await expect(page).toHaveURL(new RegExp(`#/issues/${coupon.id}`));
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row').filter({ hasText: COUPON })).toHaveCount(1);
});
