/**
 * A real @sentry/browser profile of a minified bundle: its frames name minified functions until
 * the project's source folder holds the bundle's map, then the flame graph and the slowest
 * functions show the original functions and files (the minified name kept in a title), mapped
 * through the same maps and debug id the errors use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileResponse } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { buildProfiledBundle, runProfiledBundle } from './helpers/profiled-bundle';

const BUSY_MS = 600;
let root: string;

test.beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'lookout-e2e-profile-maps-')); });
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a minified browser profile shows its original functions once a source folder holds the map', async ({ page, browser, server }) => {
  const appJs = await buildProfiledBundle(root);
  const app = await browser.newPage();
  const { traceId } = await runProfiledBundle(app, server.dsn, appJs, BUSY_MS);
  await app.close();
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}/_lookout/api/${path}`)).json()) as T;
  await expect.poll(async () => (await api<Page<ItemSummary>>('items')).items.some((i) => i.kind === 'profile_chunk'), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await fetch(`${server.url}/_lookout/api/traces/${traceId}/profile`)).status, { timeout: 20_000 }).toBe(200);

  // No folder holds the map yet: the frames are the bundle's minified functions.
  const before = await api<ProfileResponse>(`traces/${traceId}/profile`);
  const bundleFrames = before.frames.filter((f) => f.file?.endsWith('/static/app.js'));
  expect(bundleFrames.length).toBeGreaterThan(0);
  expect(before.frames.map((f) => f.name)).not.toContain('computeShippingQuote');

  // The project's source folder, set through the settings API as the Settings page does.
  const saved = await fetch(`${server.url}/_lookout/api/projects/1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sourceRoots: [join(root, 'dist')] }) });
  expect(saved.status).toBe(200);

  const after = await api<ProfileResponse>(`traces/${traceId}/profile`);
  const quote = after.frames.find((f) => f.name === 'computeShippingQuote');
  const render = after.frames.find((f) => f.name === 'renderCheckout');
  expect(quote?.file).toMatch(/src\/checkout\.js$/);
  expect(quote?.line).toBe(1);
  expect(render?.line).toBe(7);
  expect(quote?.minified?.file).toMatch(/\/static\/app\.js$/);
  const minifiedQuote = quote!.minified!.name;
  expect(minifiedQuote).not.toBe('computeShippingQuote');
  const main = after.threads[0]!;
  const quoteFn = main.functions.find((f) => after.frames[f.frame]!.name === 'computeShippingQuote')!;
  const renderFn = main.functions.find((f) => after.frames[f.frame]!.name === 'renderCheckout')!;
  // The busy loop ran 600 ms in renderCheckout; a 10 ms sampler on a busy machine sees much of it.
  expect(renderFn.totalMs).toBeGreaterThan(BUSY_MS * 0.4);
  expect(quoteFn.totalMs).toBeLessThanOrEqual(renderFn.totalMs);

  // In Chromium: the flame graph and the table name the original functions and file; the minified name is a title away.
  await page.goto(`${server.url}/#/profiles/trace/${traceId}`);
  const graph = page.getByTestId('flame-graph');
  const box = graph.getByTestId('flame-box').filter({ hasText: 'computeShippingQuote' }).first();
  await expect(box).toBeVisible();
  await expect(box).toHaveAttribute('title', new RegExp(`src/checkout\\.js:1\\nminified ${minifiedQuote} at http://127\\.0\\.0\\.1:\\d+/static/app\\.js:\\d+`));
  // Focus, not hover: a box shows its facts on mouseenter or focus, and a mouse that Playwright
  // finds already over the box (or moving across others on the way) leaves the facts on another node.
  await box.focus();
  await expect(page.getByTestId('flame-facts-minified')).toContainText(`minified ${minifiedQuote}`);
  const row = page.getByTestId('profile-function-row').filter({ has: page.getByTestId('function-name').getByText('computeShippingQuote', { exact: true }) });
  await expect(row).toContainText('src/checkout.js:1');
  await expect(row.getByTestId('function-name')).toHaveAttribute('title', new RegExp(`^minified ${minifiedQuote} at `));
  await page.screenshot({ path: 'test-results/ui-screens/profile-source-mapped.png' });
});
