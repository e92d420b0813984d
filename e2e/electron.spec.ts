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

  test('opens one window titled Lookout on the core server’s page', async () => {
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(title).toEqual(['Lookout']);
    expect(new URL(page.url()).origin).toBe(`http://127.0.0.1:${port}`);
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
      'copyToClipboard', 'getServerInfo', 'onNavigate', 'openExternal', 'openInEditor', 'saveFile',
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
