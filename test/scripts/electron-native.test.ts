import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyAddonSources, electronBuildEnv, isNativeCurrent } from '../../scripts/electron-native.mjs';
import { electronNativeDir, NATIVE_ADDON_NAME, NATIVE_STAMP_NAME } from '../../scripts/native-path.mjs';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REAL_ADDON_PACKAGE = join(ROOT, 'node_modules/better-sqlite3');

/** A project root holding a copy of scripts/ and minimal electron + better-sqlite3 packages. */
function fakeProject(opts: { electronBinary: boolean; sqliteVersion: string }): string {
  const root = mkdtempSync(join(tmpdir(), 'lookout-native-'));
  made.push(root);
  cpSync(join(ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
  const electron = join(root, 'node_modules/electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (opts.electronBinary) {
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist/electron'), '');
  }
  mkdirSync(join(root, 'node_modules/better-sqlite3'), { recursive: true });
  writeFileSync(join(root, 'node_modules/better-sqlite3/package.json'), JSON.stringify({ version: opts.sqliteVersion }));
  return root;
}

function storeAddon(root: string, builtFrom: string): void {
  const dir = electronNativeDir(root, '45.4.1');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, NATIVE_ADDON_NAME), 'addon');
  writeFileSync(join(dir, NATIVE_STAMP_NAME), builtFrom);
}

function runScript(root: string) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ELECTRON_')) env[key] = value;
  }
  return spawnSync(process.execPath, [join(root, 'scripts/electron-native.mjs')], { env, encoding: 'utf8' });
}

describe('electronBuildEnv', () => {
  it('drops npm settings that would pick Node headers or another runtime, in any case', () => {
    const env = electronBuildEnv({
      npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.0.0', npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist', npm_config_cache: '/root/.npm', PATH: '/bin', UNSET: undefined,
    });
    expect(env).toEqual({ npm_config_cache: '/root/.npm', PATH: '/bin' });
  });
});

describe('copyAddonSources', () => {
  it('copies better-sqlite3 without its Node-ABI build, leaving the original untouched', () => {
    const addon = join(REAL_ADDON_PACKAGE, 'build/Release/better_sqlite3.node');
    const before = statSync(addon);
    const copyRoot = mkdtempSync(join(tmpdir(), 'lookout-copy-'));
    made.push(copyRoot);
    const dest = join(copyRoot, 'better-sqlite3');
    copyAddonSources(REAL_ADDON_PACKAGE, dest);
    expect(existsSync(join(dest, 'build'))).toBe(false);
    for (const needed of ['binding.gyp', 'package.json', 'src', 'deps', 'lib']) expect(existsSync(join(dest, needed))).toBe(true);
    expect(readdirSync(join(dest, 'src')).length).toBe(readdirSync(join(REAL_ADDON_PACKAGE, 'src')).length);
    const after = statSync(addon);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });
});

describe('isNativeCurrent', () => {
  it('needs the addon and a stamp matching the installed better-sqlite3', () => {
    const root = fakeProject({ electronBinary: true, sqliteVersion: '12.11.1' });
    expect(isNativeCurrent(root, '45.4.1')).toBe(false);
    storeAddon(root, '12.10.0');
    expect(isNativeCurrent(root, '45.4.1')).toBe(false);
    storeAddon(root, '12.11.1');
    expect(isNativeCurrent(root, '45.4.1')).toBe(true);
    expect(isNativeCurrent(root, '46.0.0')).toBe(false);
  });
});

describe('scripts/electron-native.mjs', () => {
  it('stops with one clear line when the Electron binary was never downloaded', () => {
    const result = runScript(fakeProject({ electronBinary: false, sqliteVersion: '12.11.1' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('Electron binary not installed: run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD'),
    ]);
  });

  it('does nothing but report when the addon for this Electron is already built', () => {
    const root = fakeProject({ electronBinary: true, sqliteVersion: '12.11.1' });
    storeAddon(root, '12.11.1');
    const result = runScript(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`ready: ${join('.electron-native', `45.4.1-${process.platform}-${process.arch}`, NATIVE_ADDON_NAME)}`);
  });
});
