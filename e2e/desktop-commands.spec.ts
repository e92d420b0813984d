/**
 * The page's side of the desktop menu, tray and `lookout://` links (src/renderer/src/routing/
 * use-desktop-commands.ts): what main sends on `lookout:navigate` / `lookout:menu-command` must move
 * the real UI. The bridge is a stand-in that behaves as src/preload/bridge.ts does (a target sent
 * before the page subscribed goes to its first subscriber), so this runs without Electron; the
 * issue is real @sentry/node traffic. e2e/electron.spec.ts drives the real menu where Electron exists.
 */
import { test, expect } from './fixtures';
import { captureSecretIssue } from './helpers/secret-issue';
import type { MenuCommand, NavigateTarget } from '../src/shared/ipc-contract';

interface FakeDesktop {
  navigate(target: NavigateTarget): void;
  command(command: MenuCommand): void;
}
type DesktopWindow = { __desktop: FakeDesktop };

async function installBridge(page: import('@playwright/test').Page, launchTarget: NavigateTarget | null): Promise<void> {
  await page.addInitScript((pending: NavigateTarget | null) => {
    const g = globalThis as unknown as DesktopWindow & { lookout: unknown; location: { origin: string } };
    const navigateSubscribers = new Set<(target: NavigateTarget) => void>();
    const commandSubscribers = new Set<(command: MenuCommand) => void>();
    let launch = pending;
    g.__desktop = {
      navigate: (target) => navigateSubscribers.forEach((subscriber) => subscriber(target)),
      command: (command) => commandSubscribers.forEach((subscriber) => subscriber(command)),
    };
    g.lookout = {
      getServerInfo: () => Promise.resolve({ apiBase: g.location.origin, version: 'e2e', dataDir: '' }),
      openInEditor: () => Promise.resolve({ ok: false, error: 'not in this test' }),
      openExternal: () => Promise.resolve(false),
      saveFile: () => Promise.resolve({ saved: false }),
      copyToClipboard: () => Promise.resolve(),
      onNavigate: (callback: (target: NavigateTarget) => void) => {
        const subscriber = (target: NavigateTarget): void => callback(target);
        navigateSubscribers.add(subscriber);
        if (launch !== null) { const target = launch; launch = null; subscriber(target); }
        return () => { navigateSubscribers.delete(subscriber); };
      },
      onMenuCommand: (callback: (command: MenuCommand) => void) => {
        const subscriber = (command: MenuCommand): void => callback(command);
        commandSubscribers.add(subscriber);
        return () => { commandSubscribers.delete(subscriber); };
      },
    };
  }, launchTarget);
}

async function firstIssueId(serverUrl: string): Promise<number> {
  let id: number | undefined;
  await expect.poll(async () => {
    const body = await (await fetch(`${serverUrl}/_lookout/api/issues`)).json() as { items?: { id: number }[] };
    id = body.items?.[0]?.id;
    return id;
  }).toBeGreaterThan(0);
  return id ?? 0;
}

test('the Go menu, Back/Forward and Export Bug Report… move the UI', async ({ page, server }) => {
  await captureSecretIssue(server.dsn);
  const issueId = await firstIssueId(server.url);
  await installBridge(page, null);
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row').first()).toBeVisible();
  const send = (message: { navigate: NavigateTarget } | { command: MenuCommand }) => page.evaluate((m) => {
    const desktop = (globalThis as unknown as DesktopWindow).__desktop;
    if ('navigate' in m) desktop.navigate(m.navigate); else desktop.command(m.command);
  }, message);
  const hash = () => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);

  for (const kind of ['traces', 'logs', 'stats', 'settings'] as const) {
    await send({ navigate: { kind } });
    await expect.poll(hash).toBe(`#/${kind}`);
  }
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await send({ command: 'back' });
  await expect.poll(hash).toBe('#/stats');
  await send({ command: 'back' });
  await expect.poll(hash).toBe('#/logs');
  await send({ command: 'forward' });
  await expect.poll(hash).toBe('#/stats');

  // Export with no issue on screen says what to do instead of doing nothing.
  await send({ command: 'export-bug-report' });
  await expect(page.getByTestId('toast-info')).toContainText('Open an issue to export its bug report.');

  await send({ navigate: { kind: 'issue', issueId } });
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed for cart');
  await send({ command: 'export-bug-report' });
  await expect(page.getByTestId('export-dialog')).toBeVisible();
});

test('a lookout:// link that launched the app opens its issue once the page is up', async ({ page, server }) => {
  await captureSecretIssue(server.dsn);
  const issueId = await firstIssueId(server.url);
  await installBridge(page, { kind: 'issue', issueId });
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed for cart');
  expect(new URL(page.url()).hash).toBe(`#/issues/${issueId}`);
});
