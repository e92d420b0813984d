import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBridge, type RendererTransport } from '../preload/bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type LookoutBridge, type MenuCommand, type NavigateTarget } from '../shared/ipc-contract';
import { createIpcHandlers, registerIpcHandlers, safeFileName, type IpcDeps, type MainTransport } from './ipc';

interface FakeEvent { senderUrl: string }
type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * Electron's IPC in memory: arguments and results go through structuredClone, as they do
 * between processes, and every call carries the sender's URL.
 */
function ipcPair(senderUrl: string) {
  const handlers = new Map<string, (event: FakeEvent, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const main: MainTransport<FakeEvent> = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const renderer: RendererTransport = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderUrl }, ...structuredClone(args)));
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const send = (channel: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  };
  return { main, renderer, handlers, send };
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(overrides: Partial<IpcDeps> = {}, senderUrl = 'http://127.0.0.1:8969/#/issues') {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-ipc-'));
  tempDirs.push(dir);
  const calls = { openExternal: [] as string[], clipboard: [] as string[], saveDialog: [] as string[] };
  const deps: IpcDeps = {
    serverInfo: () => ({ apiBase: 'http://127.0.0.1:8969', version: '0.1.0', dataDir: dir }),
    openExternal: async (url) => { calls.openExternal.push(url); },
    openInEditor: async (file, line, col) => ({ ok: false, error: `${file}:${line}:${col}` }),
    chooseSavePath: async (name) => { calls.saveDialog.push(name); return join(dir, name); },
    writeClipboard: (text) => { calls.clipboard.push(text); },
    ...overrides,
  };
  const pair = ipcPair(senderUrl);
  const unregister = registerIpcHandlers(pair.main, createIpcHandlers(deps), (event) => event.senderUrl.startsWith('http://127.0.0.1:8969/'));
  const bridge: LookoutBridge = createBridge(pair.renderer);
  return { dir, calls, pair, bridge, unregister };
}

describe('IPC contract', () => {
  it('gives every bridge call its own lookout: channel, distinct from the event channels', () => {
    const channels = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^lookout:[a-z-]+$/);
  });

  it('has a main handler for every invoke channel and registers nothing else', () => {
    const handlers = createIpcHandlers({} as IpcDeps);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    const { pair } = setup();
    expect([...pair.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('exposes exactly the contract’s functions on the bridge', () => {
    const { bridge } = setup();
    const names = Object.keys(bridge).sort();
    expect(names).toEqual([...Object.keys(INVOKE_CHANNELS), 'onMenuCommand', 'onNavigate'].sort());
    for (const name of names) expect(typeof bridge[name as keyof LookoutBridge]).toBe('function');
  });

  it('unregisters every handler', async () => {
    const { bridge, unregister } = setup();
    unregister();
    await expect(bridge.getServerInfo()).rejects.toThrow(/No handler/);
  });
});

describe('bridge → main round trips', () => {
  it('returns the server info', async () => {
    const { bridge, dir } = setup();
    expect(await bridge.getServerInfo()).toEqual({ apiBase: 'http://127.0.0.1:8969', version: '0.1.0', dataDir: dir });
  });

  it('opens only http(s) URLs in the browser', async () => {
    const { bridge, calls } = setup();
    expect(await bridge.openExternal('https://docs.sentry.io/platforms/')).toBe(true);
    for (const hostile of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'not a url']) {
      expect(await bridge.openExternal(hostile)).toBe(false);
    }
    expect(calls.openExternal).toEqual(['https://docs.sentry.io/platforms/']);
  });

  it('saves text and bytes to the chosen file', async () => {
    const { bridge, dir } = setup();
    const text = await bridge.saveFile('report.md', '# Issue 1\n');
    expect(text).toEqual({ saved: true, path: join(dir, 'report.md') });
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('# Issue 1\n');
    const bytes = new Uint8Array([0, 1, 2, 250]);
    await bridge.saveFile('replay.bin', bytes);
    expect(new Uint8Array(readFileSync(join(dir, 'replay.bin')))).toEqual(bytes);
  });

  it('offers only a bare, safe file name in the dialog, and reports a cancel', async () => {
    const { bridge, calls } = setup({ chooseSavePath: async (name) => { calls.saveDialog.push(name); return null; } });
    expect(await bridge.saveFile('../../.bashrc', 'x')).toEqual({ saved: false });
    expect(calls.saveDialog).toEqual(['bashrc']);
    expect(safeFileName('C:\\Users\\me\\issue<1>.html')).toBe('issue_1_.html');
    expect(safeFileName('')).toBe('lookout-export');
    expect(safeFileName(42)).toBe('lookout-export');
  });

  it('reports a write failure instead of throwing', async () => {
    const { bridge, dir } = setup({ chooseSavePath: async () => join(dir, 'no-such-dir', 'x.txt') });
    const result = await bridge.saveFile('x.txt', 'x');
    expect(result.saved).toBe(false);
    expect(result).toHaveProperty('error', expect.stringContaining('ENOENT'));
  });

  it('validates what the page sends before acting on it', async () => {
    const { pair, calls } = setup();
    await expect(pair.renderer.invoke(INVOKE_CHANNELS.copyToClipboard, { toString: 1 })).rejects.toThrow(/string/);
    await expect(pair.renderer.invoke(INVOKE_CHANNELS.saveFile, 'a.txt', { length: 3 })).rejects.toThrow(/Uint8Array/);
    await expect(pair.renderer.invoke(INVOKE_CHANNELS.openInEditor, 'a\0b', 1, 1)).rejects.toThrow(/file/);
    expect(calls.clipboard).toEqual([]);
  });

  it('passes positions to the editor, replacing missing or odd ones with 1', async () => {
    const { bridge, pair } = setup();
    expect(await bridge.openInEditor('/src/app.ts', 12, 5)).toEqual({ ok: false, error: '/src/app.ts:12:5' });
    expect(await pair.renderer.invoke(INVOKE_CHANNELS.openInEditor, '/src/app.ts', -3, 'x')).toEqual({ ok: false, error: '/src/app.ts:1:1' });
  });

  it('copies text to the clipboard', async () => {
    const { bridge, calls } = setup();
    await bridge.copyToClipboard('TypeError: x is undefined');
    expect(calls.clipboard).toEqual(['TypeError: x is undefined']);
  });

  it('refuses calls from pages that are not ours', async () => {
    const { bridge, calls } = setup({}, 'https://evil.example/');
    await expect(bridge.copyToClipboard('x')).rejects.toThrow(/not a Lookout page/);
    expect(calls.clipboard).toEqual([]);
  });
});

describe('onNavigate', () => {
  it('delivers well-formed targets until unsubscribed, and drops malformed ones', () => {
    const { bridge, pair } = setup();
    const seen: NavigateTarget[] = [];
    const unsubscribe = bridge.onNavigate((target) => seen.push(target));
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issue', issueId: 7 });
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issue', issueId: '7' });
    pair.send(EVENT_CHANNELS.navigate, null);
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issues' });
    unsubscribe();
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issues' });
    expect(seen).toEqual([{ kind: 'issue', issueId: 7 }, { kind: 'issues' }]);
  });

  it('carries the Go menu pages and refuses unknown pages and non-positive issue ids', () => {
    const { bridge, pair } = setup();
    const seen: NavigateTarget[] = [];
    bridge.onNavigate((target) => seen.push(target));
    for (const target of [{ kind: 'traces' }, { kind: 'settings' }, { kind: 'admin' }, { kind: 'issue', issueId: 0 }, { kind: 'issue', issueId: 1.5 }]) {
      pair.send(EVENT_CHANNELS.navigate, target);
    }
    expect(seen).toEqual([{ kind: 'traces' }, { kind: 'settings' }]);
  });

  it('keeps a target sent before the page subscribed (a launch link) for its first subscriber only', () => {
    const { bridge, pair } = setup();
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issue', issueId: 3 });
    pair.send(EVENT_CHANNELS.navigate, { kind: 'issue', issueId: 4 });
    const first: NavigateTarget[] = [];
    const second: NavigateTarget[] = [];
    bridge.onNavigate((target) => first.push(target));
    bridge.onNavigate((target) => second.push(target));
    expect(first).toEqual([{ kind: 'issue', issueId: 4 }]);
    expect(second).toEqual([]);
  });
});

describe('onMenuCommand', () => {
  it('delivers the contract’s commands while subscribed and drops the rest, and keeps none for later', () => {
    const { bridge, pair } = setup();
    pair.send(EVENT_CHANNELS.menuCommand, 'back');
    const seen: MenuCommand[] = [];
    const unsubscribe = bridge.onMenuCommand((command) => seen.push(command));
    for (const command of ['forward', 'reload', 'export-bug-report', { command: 'back' }]) pair.send(EVENT_CHANNELS.menuCommand, command);
    unsubscribe();
    pair.send(EVENT_CHANNELS.menuCommand, 'back');
    expect(seen).toEqual(['forward', 'export-bug-report']);
  });
});
