/**
 * "Open in editor" only offers editors that are installed: a server whose PATH holds no editor
 * command says "none found" in Settings and its frames say why they cannot open (no more
 * "spawn code ENOENT" on click); one whose PATH holds a `code` launcher opens the frame's file at
 * its line with it. Errors come from the real @sentry/node SDK, so frames name this spec's file.
 * @see https://code.visualstudio.com/docs/editor/command-line
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { nodeSender } from './helpers/sentry-node';
import { startServer, type RunningServer } from './server';

/** A server whose environment names no editor: no $EDITOR/$VISUAL, no editor terminal, PATH = `path`. */
const serverWithPath = (path: string): Promise<RunningServer> =>
  startServer({ env: { PATH: path, EDITOR: '', VISUAL: '', TERM_PROGRAM: '', TERMINAL_EMULATOR: '', ZED_TERM: '' } });

async function openIssueOfNewError(page: Page, server: RunningServer, message: string): Promise<void> {
  const sender = nodeSender(server.dsn);
  sender.capture(new Error(message));
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').filter({ hasText: message }).getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText(message);
}

test('with no editor installed, Settings says none found and a frame says why it cannot open', async ({ page }) => {
  const server = await serverWithPath(mkdtempSync(join(tmpdir(), 'lookout-empty-path-')));
  try {
    await page.goto(`${server.url}/#/settings`);
    await expect(page.getByTestId('setting-editor')).toHaveValue('auto');
    await expect(page.getByTestId('setting-editor-detected')).toContainText('Now: none found');

    await openIssueOfNewError(page, server, 'no editor here');
    const inApp = page.locator('[data-testid="frame"][data-in-app="true"]').first().getByTestId('frame-file');
    await expect(inApp).toHaveAttribute('aria-disabled', 'true');
    await expect(inApp).toHaveAttribute('title', /No editor found/);
    let asked = false;
    page.on('request', (r) => { if (r.url().endsWith('/_lookout/api/open')) asked = true; });
    // aria-disabled, which Playwright will not click unforced; a user's click still lands and is answered.
    await inApp.click({ force: true });
    const toast = page.getByTestId('toast-error');
    await expect(toast).toContainText('No editor found');
    await expect(toast).toContainText('Settings → Editor');
    await expect(toast).not.toContainText('ENOENT');
    await page.screenshot({ path: `${process.env.LOOKOUT_UI_SCREENS ?? 'test-results/ui-editor'}/no-editor.png` });
    expect(asked).toBe(false);

    // A chosen editor that is not installed is named, both in Settings and when a frame is clicked.
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId('setting-editor').selectOption('zed');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('setting-editor-status')).toHaveText('zed was not found on PATH. Choose an installed editor in Settings → Editor.');
  } finally {
    await server.stop();
  }
});

test('with a code launcher on PATH, auto picks VS Code and a frame opens at its line', async ({ page }) => {
  const bin = mkdtempSync(join(tmpdir(), 'lookout-bin-'));
  const log = join(bin, 'calls.log');
  // A stand-in `code` that records its arguments, run by the server as it would run VS Code's.
  writeFileSync(join(bin, 'code'), `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
  chmodSync(join(bin, 'code'), 0o755);
  const server = await serverWithPath(bin);
  try {
    await page.goto(`${server.url}/#/settings`);
    await expect(page.getByTestId('setting-editor-detected')).toHaveText('Now: Visual Studio Code');

    await openIssueOfNewError(page, server, 'open me in code');
    const inApp = page.locator('[data-testid="frame"][data-in-app="true"]').first().getByTestId('frame-file');
    await expect(inApp).toHaveAttribute('title', 'Open in editor (code)');
    await expect(inApp).not.toHaveAttribute('aria-disabled', 'true');
    await inApp.click();
    await expect(page.getByTestId('toast-info')).toContainText('Opening');
    await expect.poll(() => existsSync(log)).toBe(true);
    const [goto, at] = JSON.parse(readFileSync(log, 'utf8').trim()) as string[];
    expect(goto).toBe('--goto');
    expect(at).toMatch(/ui-editor\.spec\.ts:\d+:\d+$/);
  } finally {
    await server.stop();
  }
});
