import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../core/app';
import { DEFAULT_PORT, readDesktopSettings } from './settings';
import { describeStartupError } from './startup-error';

const dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function settingsFile(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('readDesktopSettings', () => {
  it('reads the port and ignores the server’s other settings', () => {
    const file = settingsFile('a.json', JSON.stringify({ port: 9123, editor: { id: 'vscode' }, retention: {} }));
    expect(readDesktopSettings(file)).toEqual({ port: 9123, portSource: 'settings' });
  });

  it('falls back to 8969 for a missing, corrupt or out-of-range file', () => {
    for (const file of [join(dir, 'missing.json'), settingsFile('b.json', '{"port": 9'), settingsFile('c.json', '{"port": 70000}'),
      settingsFile('d.json', '{"port": "9000"}'), settingsFile('e.json', '[]'), settingsFile('f.json', 'null')]) {
      expect(readDesktopSettings(file)).toEqual({ port: DEFAULT_PORT, portSource: 'default' });
    }
  });

  it('lets LOOKOUT_PORT override the file, unless it is not a port', () => {
    const file = settingsFile('g.json', '{"port": 9123}');
    expect(readDesktopSettings(file, { LOOKOUT_PORT: '9500' })).toEqual({ port: 9500, portSource: 'env' });
    expect(readDesktopSettings(file, { LOOKOUT_PORT: 'abc' })).toEqual({ port: 9123, portSource: 'settings' });
  });
});

describe('describeStartupError', () => {
  const context = { port: 8969, portSource: 'settings' as const, settingsFile: '/home/me/.config/lookout/settings.json', nativeBinding: '/x/better_sqlite3.node' };

  it('names the port and the settings file when the port is taken', async () => {
    // A real EADDRINUSE from Node, as well as the core's own error type.
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const port = (holder.address() as { port: number }).port;
    const second = createServer();
    const error = await new Promise<unknown>((done) => { second.once('error', done); second.listen(port, '127.0.0.1'); });
    holder.close();
    for (const failure of [error, new PortInUseError(port)]) {
      const text = describeStartupError(failure, { ...context, port });
      expect(text.title).toBe(`Port ${port} is already in use`);
      expect(text.message).toContain(context.settingsFile);
      expect(text.message).toContain(`{ "port": ${port + 1} }`);
    }
  });

  it('points at LOOKOUT_PORT when that is where the port came from', () => {
    const text = describeStartupError(new PortInUseError(9500), { ...context, port: 9500, portSource: 'env' });
    expect(text.message).toContain('LOOKOUT_PORT');
    expect(text.message).not.toContain(context.settingsFile);
  });

  it('explains a native module built for the wrong runtime', () => {
    const abi = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.");
    const text = describeStartupError(abi, context);
    expect(text.message).toContain('node scripts/electron-native.mjs --force');
  });

  it('passes any other error through', () => {
    expect(describeStartupError(new Error('disk full'), context)).toEqual({ title: 'Lookout could not start', message: 'disk full' });
    expect(describeStartupError('weird', context).message).toBe('weird');
  });
});
