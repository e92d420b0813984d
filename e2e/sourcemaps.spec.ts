/**
 * A browser bundle built by esbuild (minified IIFE, external map, debug id injected as the
 * Sentry bundler plugins do), served from a loopback port and thrown under real @sentry/browser
 * in Chromium. `lookout serve --source-root <dist>` maps the frame URL into the dist folder,
 * finds the map by debug id, and the UI shows the original function, file and line.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { runBrowserApp } from './helpers/sentry-browser';
import { buildDebugIdBundle } from './helpers/debug-id-bundle';

const DEBUG_ID = '5f0c2a9e-3b1d-4c7e-9a2f-8e6d4b3c2a1f';
const SCREENSHOT = 'test-results/sourcemaps/resolved-stack.png';

const SOURCES: Record<string, string> = {
  'src/pricing.js': [
    '// Prices are in cents; a line without a price is a bug upstream.',
    'export function lineTotal(line) {',
    '  const unit = line.price.amount;',
    '  return unit * line.qty;',
    '}',
    '',
    'export function cartTotal(lines) {',
    '  let total = 0;',
    '  for (const line of lines) {',
    '    total += lineTotal(line);',
    '  }',
    '  return total;',
    '}',
    '',
  ].join('\n'),
  'src/main.js': [
    "import { cartTotal } from './pricing.js';",
    '',
    "const cart = [{ price: { amount: 250 }, qty: 2 }, { sku: 'gift-card', qty: 1 }];",
    "document.getElementById('pay').textContent = `Pay ${cartTotal(cart)}`;",
    '',
  ].join('\n'),
};

/** Builds src/main.js into <root>/dist/static/app.js (+ .map), both carrying the debug id. */
const buildBundle = (root: string): Promise<string> => buildDebugIdBundle(root, SOURCES, 'src/main.js', DEBUG_ID);

let root: string;
let server: RunningServer;

test.beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'lookout-e2e-maps-'));
  await buildBundle(root);
});

test.afterEach(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Resolves with the arguments a fake editor script wrote once it has run (it renames its file into place). */
function editorArgs(dir: string, file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const done = () => { watcher.close(); clearTimeout(timer); resolve(readFileSync(file, 'utf8').split('\n').slice(0, -1)); };
    const watcher = watch(dir, () => { if (existsSync(file)) done(); });
    const timer = setTimeout(() => { watcher.close(); reject(new Error('the editor was not started')); }, 10_000);
    if (existsSync(file)) done();
  });
}

test('a minified browser bundle is shown with its original frames, and more context on request', async ({ browser, page }) => {
  server = await startServer({ args: ['--source-root', join(root, 'dist')] });
  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, readFileSync(join(root, 'dist', 'static', 'app.js'), 'utf8'));
  await app.close();

  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError');

  const frames = page.getByTestId('exception').first().getByTestId('frame');
  const top = frames.first();
  await expect(top.getByTestId('frame-function')).toHaveText('lineTotal');
  await expect(top.getByTestId('frame-file')).toContainText('src/pricing.js:3');
  const errorLine = top.locator('[data-testid="context-line"][data-error="true"]');
  await expect(errorLine).toContainText('const unit = line.price.amount;');
  await expect(frames.nth(1).getByTestId('frame-function')).toHaveText('cartTotal');
  await expect(top.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  // Named as Sentry names a mapped frame (the source as the map writes it, `../../src/pricing.js`
  // next to static/app.js.map, and a module made from its URL, which grouping reads before the
  // file); the label drops the climb out of the map's folder (views/detail/mapped-file-label.ts).
  await expect(top.getByTestId('frame-file')).toHaveText(/^src\/pricing\.js:3:/);
  await page.getByTestId('grouping').getByRole('button', { name: 'Grouping' }).click();
  const moduleNodes = page.getByTestId('grouping-node').filter({ has: page.locator('.gnode-id', { hasText: /^module$/ }) });
  await expect(moduleNodes.filter({ hasText: 'src/pricing' }).first()).toBeVisible();
  await expect(page.getByTestId('grouping-node').filter({ hasText: 'ignored because module takes precedence' }).first()).toBeVisible();

  // The SDK sent 5 lines around the minified line; ingest put the original ones in their place.
  const lines = top.getByTestId('context-line');
  const before = await lines.count();
  expect(before).toBeGreaterThan(1);
  await top.getByTestId('show-more-context').click();
  await expect.poll(() => lines.count()).toBeGreaterThan(before);
  // ±5 more each time, until the whole (13-line) file is on screen.
  await top.getByTestId('show-more-context').click();
  await expect(top.getByText('Whole file shown.')).toBeVisible();
  await expect(lines).toHaveCount(SOURCES['src/pricing.js']!.split('\n').length - 1);
  await expect(lines.first()).toContainText('// Prices are in cents');
  await expect(top.getByTestId('show-more-context')).toHaveCount(0);

  mkdirSync('test-results/sourcemaps', { recursive: true });
  await page.getByTestId('exception-chain').screenshot({ path: SCREENSHOT });

  // The minified frames stay one toggle away.
  await page.getByTestId('toggle-minified').click();
  await expect(frames.first().getByTestId('frame-file')).toContainText('/static/app.js:');
});

test('map found later: the reason on the frame, per-project folders, re-group, suspect commit, open in editor', async ({ browser, page }) => {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Grace Hopper', '-c', 'user.email=grace@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: '2024-03-01T09:00:00Z', GIT_COMMITTER_DATE: '2024-03-01T09:00:00Z' } });
  git('init', '-q');
  git('add', 'src');
  git('commit', '-q', '-m', 'price lines in cents');
  const recorder = join(root, 'editor');
  mkdirSync(recorder);
  writeFileSync(join(recorder, 'fake-editor'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${recorder}/argv.tmp" && mv "${recorder}/argv.tmp" "${recorder}/argv.txt"\n`);
  chmodSync(join(recorder, 'fake-editor'), 0o755);
  server = await startServer();
  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, readFileSync(join(root, 'dist', 'static', 'app.js'), 'utf8'));
  await app.close();

  // No source root reaches the map yet: minified frames, each with the reason.
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  const top = page.getByTestId('exception').first().getByTestId('frame').first();
  await expect(top.getByTestId('frame-sourcemap-error')).toContainText('no source map with debug id 5f0c2a9e3b1d4c7e9a2f8e6d4b3c2a1f');
  await expect(page.getByTestId('suspect-commit')).toHaveCount(0);
  mkdirSync('test-results/sourcemaps', { recursive: true });
  await page.getByTestId('exception-chain').screenshot({ path: 'test-results/sourcemaps/unresolved-with-reason.png' });
  const issueUrl = page.url();

  // The project's own source folder, and a custom editor command, set in Settings.
  await page.goto(`${server.url}/#/settings`);
  await page.getByTestId('setting-editor').selectOption('custom');
  await page.getByTestId('setting-editor-command').fill(`${join(recorder, 'fake-editor')} {file}:{line}:{column}`);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('toast-success').first()).toBeVisible();
  await page.getByTestId('project-roots-input-1').fill(join(root, 'dist'));
  await page.getByTestId('project-roots-save-1').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Source folders' })).toBeVisible();

  // Back on the issue, the frames resolve at view time and re-grouping is offered.
  await page.goto(issueUrl);
  await page.reload();
  await expect(top.getByTestId('frame-function')).toHaveText('lineTotal');
  await expect(top.getByTestId('frame-sourcemap-error')).toHaveCount(0);
  await expect(page.getByTestId('resymbolicated-notice')).toBeVisible();
  await expect(page.getByTestId('suspect-commit')).toContainText('price lines in cents');
  await expect(page.getByTestId('suspect-commit')).toContainText('Grace Hopper');
  await expect(page.getByTestId('suspect-changed')).toHaveCount(0);
  await page.getByTestId('regroup-sourcemaps').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Re-grouped 1 of 1 events' })).toBeVisible();
  await expect(page.getByTestId('resymbolicated-notice')).toHaveCount(0);
  await expect(page.getByTestId('issue-detail-culprit')).toContainText('lineTotal');
  await page.screenshot({ path: 'test-results/sourcemaps/regrouped-issue.png', fullPage: false });

  // Clicking the file:line opens it in the editor.
  await top.getByTestId('frame-file').click();
  expect(await editorArgs(recorder, join(recorder, 'argv.txt'))).toEqual([`${join(root, 'src', 'pricing.js')}:3:27`]);
  await expect(page.getByTestId('toast-info').filter({ hasText: 'Opening' })).toBeVisible();
});
