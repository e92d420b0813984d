import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../scripts/native-path.mjs';
import { newestMtime, staleReason } from '../scripts/web-build-state.mjs';
import type { LookoutBridge } from '../src/shared/ipc-contract';

/** The page globals this spec touches (the node tsconfig has no DOM types; evaluate() bodies run in the page). */
type PageGlobals = { lookout?: LookoutBridge; location: { href: string }; open(url: string): unknown; require?: unknown; process?: unknown };

/**
 * The desktop shell end to end. Runs only where the Electron binary was downloaded; this checks
 * electron's path.txt instead of require('electron'), which would start a download.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronBinary = findElectronBinary(join(ROOT, 'node_modules/electron'));

test.skip(electronBinary === null,
  'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); this spec runs where Electron is installed');

function run(script: string, args: string[] = []): void {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

test.describe('desktop app', () => {
  test.describe.configure({ mode: 'serial' });
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let port: number;

  test.beforeAll(async () => {
    test.setTimeout(600_000); // a first run may compile the native module
    run('scripts/electron-native.mjs');
    const sources = newestMtime([join(ROOT, 'src'), join(ROOT, 'electron.vite.config.ts')]);
    const stale = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].some((output) => {
      const file = join(ROOT, output);
      return staleReason(existsSync(file) ? statSync(file).mtimeMs : null, sources) !== null;
    });
    if (stale) run('node_modules/electron-vite/bin/electron-vite.js', ['build']);
    dataDir = mkdtempSync(join(tmpdir(), 'lookout-electron-e2e-'));
    port = await freePort();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
    app = await _electron.launch({
      executablePath: electronBinary ?? undefined,
      // Chromium refuses to run as root with its sandbox (CI containers).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), 'out/main/index.js'],
      cwd: ROOT,
      env: { ...env, LOOKOUT_DATA_DIR: dataDir, LOOKOUT_PORT: String(port) },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one window on the core server’s page, titled by the page', async () => {
    expect(new URL(page.url()).origin).toBe(`http://127.0.0.1:${port}`);
    await expect.poll(() => page.title()).toMatch(/Lookout$/);
    // The shell no longer pins "Lookout": the window shows what the page sets ("(3) … — Lookout").
    await page.evaluate(() => { (globalThis as unknown as { document: { title: string } }).document.title = '(3) Checkout failed — Lookout'; });
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle())))
      .toEqual(['(3) Checkout failed — Lookout']);
  });

  test('has Lookout’s menu bar, whose Go menu and Back move the page', async () => {
    const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
    expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Go', 'Help']));
    const labels = await app.evaluate(({ Menu }) => {
      const all = (items: Electron.MenuItem[]): string[] => items.flatMap((item) => [item.label, ...all(item.submenu?.items ?? [])]);
      return all(Menu.getApplicationMenu()?.items ?? []);
    });
    expect(labels).not.toContain('Learn More');
    expect(labels).not.toContain('Toggle Developer Tools');
    const click = (menu: string, label: string) => app.evaluate(({ Menu, BrowserWindow }, [m, l]) => {
      const item = Menu.getApplicationMenu()?.items.find((entry) => entry.label === m)?.submenu?.items.find((entry) => entry.label === l);
      if (!item) throw new Error(`no ${m} › ${l}`);
      item.click(undefined, BrowserWindow.getAllWindows()[0], undefined);
    }, [menu, label] as const);
    const hash = () => page.evaluate(() => (globalThis as unknown as PageGlobals).location.href.replace(/^[^#]*/, ''));
    await click('Go', 'Traces');
    await expect.poll(hash).toBe('#/traces');
    await click('Go', 'Stats');
    await expect.poll(hash).toBe('#/stats');
    await click('Go', 'Back');
    await expect.poll(hash).toBe('#/traces');
  });

  test('remembers the window’s bounds in settings.json', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 40, width: 1000, height: 700 }));
    await expect.poll(() => {
      try {
        return (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { window?: { width: number; height: number } }).window;
      } catch {
        return undefined;
      }
    }).toMatchObject({ width: 1000, height: 700, maximized: false });
  });

  test('gives the page no Node, only the named bridge functions', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.entries(g.lookout ?? {}).map(([name, value]) => [name, typeof value]).sort(),
      };
    });
    expect(globals.require).toBe('undefined');
    expect(globals.process).toBe('undefined');
    expect(globals.bridge).toEqual([
      'copyToClipboard', 'getServerInfo', 'onMenuCommand', 'onNavigate', 'openExternal', 'openInEditor', 'saveFile',
    ].map((name) => [name, 'function']));
  });

  test('serves the API on the configured port, and the bridge reports it', async () => {
    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).lookout!.getServerInfo());
    expect(info.apiBase).toBe(`http://127.0.0.1:${port}`);
    expect(info.dataDir).toBe(dataDir);
    const health = await fetch(`${info.apiBase}/_lookout/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, port });
    expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({ port });
  });

  test('keeps the window on its own origin and opens no new windows', async () => {
    const before = page.url();
    await page.evaluate(() => { (globalThis as unknown as PageGlobals).location.href = 'file:///etc/hosts'; });
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('file:///etc/hosts') === null);
    expect(opened).toBe(true);
    expect(page.url()).toBe(before);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
