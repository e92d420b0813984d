import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NATIVE_ADDON_NAME, NATIVE_CACHE_DIR, electronNativeBindingPath, electronNativeDir, findElectronBinary,
} from '../../scripts/native-path.mjs';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeElectronPackage(opts: { pathTxt?: string; binary?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-electron-pkg-'));
  made.push(dir);
  if (opts.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), opts.pathTxt);
  if (opts.binary && opts.pathTxt) {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', opts.pathTxt), '');
  }
  return dir;
}

describe('electron native addon path', () => {
  it('keys the folder by Electron version, platform and arch', () => {
    const a = electronNativeDir('/project', '45.4.1', 'linux', 'x64');
    expect(a).toBe(join('/project', NATIVE_CACHE_DIR, '45.4.1-linux-x64'));
    expect(electronNativeDir('/project', 'v45.4.1', 'linux', 'x64')).toBe(a);
    expect(electronNativeDir('/project', '45.4.1', 'darwin', 'arm64')).not.toBe(a);
    expect(electronNativeDir('/project', '46.0.0', 'linux', 'x64')).not.toBe(a);
  });

  it('puts the addon inside that folder, and defaults to this process’s platform', () => {
    expect(electronNativeBindingPath('/p', '45.4.1', 'win32', 'x64')).toBe(join(electronNativeDir('/p', '45.4.1', 'win32', 'x64'), NATIVE_ADDON_NAME));
    expect(electronNativeBindingPath('/p', '45.4.1')).toBe(electronNativeBindingPath('/p', '45.4.1', process.platform, process.arch));
  });

  it('refuses strings that are not versions (they would escape the cache folder)', () => {
    expect(() => electronNativeDir('/p', '../../etc')).toThrow(/Not an Electron version/);
    expect(() => electronNativeDir('/p', '')).toThrow();
  });
});

describe('findElectronBinary', () => {
  it('is null when the binary was never downloaded (no path.txt)', () => {
    expect(findElectronBinary(fakeElectronPackage({}), {})).toBeNull();
  });

  it('is null when path.txt names a file that is missing', () => {
    expect(findElectronBinary(fakeElectronPackage({ pathTxt: 'electron' }), {})).toBeNull();
  });

  it('returns dist/<path.txt> when it exists', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH like electron and electron-vite do', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron' });
    const override = fakeElectronPackage({ pathTxt: 'x', binary: true });
    writeFileSync(join(override, 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
    const exec = join(override, 'electron');
    expect(findElectronBinary(fakeElectronPackage({}), { ELECTRON_EXEC_PATH: exec })).toBe(exec);
    expect(findElectronBinary(dir, { ELECTRON_EXEC_PATH: join(override, 'missing') })).toBeNull();
  });
});
