/**
 * The export UI inside the desktop shell, where Save and Copy go through the preload bridge
 * (`window.lookout.saveFile` / `copyToClipboard`, src/shared/ipc-contract.ts). The bridge here is a
 * stand-in that records its calls, so the spec runs without Electron; the issue is real
 * @sentry/node traffic with seeded secrets.
 */
import { test, expect } from './fixtures';
import { captureSecretIssue, expectNoSecrets, SECRETS } from './helpers/secret-issue';

interface BridgeLog { saved: { name: string; text: string }[]; copied: string[]; cancelNext: boolean; failNext: string | null }
type BridgeWindow = { __bridge: BridgeLog };

test('desktop: Save asks the native dialog through the bridge, Copy uses the bridge clipboard', async ({ page, server }) => {
  await captureSecretIssue(server.dsn);
  await page.addInitScript(() => {
    const log: BridgeLog = { saved: [], copied: [], cancelNext: false, failNext: null };
    const g = globalThis as unknown as BridgeWindow & { lookout: unknown; location: { origin: string } };
    g.__bridge = log;
    g.lookout = {
      getServerInfo: () => Promise.resolve({ apiBase: g.location.origin, version: 'e2e', dataDir: '' }),
      openInEditor: () => Promise.resolve({ ok: false, error: 'not in this test' }),
      openExternal: () => Promise.resolve(false),
      saveFile: (name: string, contents: string | Uint8Array) => {
        if (log.cancelNext) { log.cancelNext = false; return Promise.resolve({ saved: false }); }
        if (log.failNext) { const error = log.failNext; log.failNext = null; return Promise.resolve({ saved: false, error }); }
        log.saved.push({ name, text: typeof contents === 'string' ? contents : new TextDecoder().decode(contents) });
        return Promise.resolve({ saved: true, path: `/home/ada/Desktop/${name}` });
      },
      copyToClipboard: (text: string) => { log.copied.push(text); return Promise.resolve(); },
      onNavigate: () => () => undefined,
      onMenuCommand: () => () => undefined,
    };
  });
  const bridge = () => page.evaluate(() => (globalThis as unknown as BridgeWindow).__bridge);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed for cart');

  await page.getByTestId('copy-markdown').click();
  await expect(page.getByTestId('copy-markdown')).toHaveText('Copied');
  const { copied } = await bridge();
  expect(copied).toHaveLength(1);
  expect(copied[0]).toMatch(/^# Error: Checkout failed for cart/);
  expectNoSecrets(copied, 'the bridge clipboard');

  await page.getByTestId('export-open').click();
  await page.getByTestId('export-format-json').check();
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('toast-success')).toContainText(/Saved to \/home\/ada\/Desktop\/lookout-issue-\d+\.json/);
  // Saved: the dialog is done with, and focus goes back to "Export…".
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  await expect(page.getByTestId('export-open')).toBeFocused();
  const { saved } = await bridge();
  expect(saved).toHaveLength(1);
  expect(saved[0]?.name).toMatch(/^lookout-issue-\d+\.json$/);
  expect(JSON.parse(saved[0]?.text ?? '')).toMatchObject({ format: 'lookout-bundle/1', replayIncluded: false });
  expectNoSecrets(saved.map((s) => s.text), 'the bundle handed to saveFile');

  // Cancelling the native dialog is not an error and keeps the dialog; a failed save keeps it with
  // the error in it; switching a rule off reaches what is saved.
  await page.getByTestId('export-open').click();
  await page.evaluate(() => { (globalThis as unknown as BridgeWindow).__bridge.cancelNext = true; });
  await page.getByTestId('export-save').click();
  await expect.poll(async () => (await bridge()).cancelNext).toBe(false);
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.evaluate(() => { (globalThis as unknown as BridgeWindow).__bridge.failNext = 'EACCES: permission denied'; });
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('export-error')).toHaveText('Could not save: EACCES: permission denied');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-format-md').check();
  await page.getByLabel('Card numbers').uncheck();
  await page.getByTestId('export-save').click();
  await expect.poll(async () => (await bridge()).saved.length).toBe(2);
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  const markdown = (await bridge()).saved[1]?.text ?? '';
  expect(markdown).toContain(SECRETS.card);
  expect(markdown).not.toContain(SECRETS.password);
});
