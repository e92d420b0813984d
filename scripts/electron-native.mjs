#!/usr/bin/env node
// Run by `npm start` (and `npm run dev`) before electron-vite starts Electron: makes sure an Electron-ABI build of better-sqlite3's
// addon exists in .electron-native/ (see native-path.mjs). It builds in a temporary copy of the
// package, so node_modules/better-sqlite3/build keeps the Node-ABI addon that vitest loads.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  NATIVE_ADDON_NAME, NATIVE_STAMP_NAME, electronNativeBindingPath, electronNativeDir, findElectronBinary,
} from './native-path.mjs';

const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const log = (line) => console.log(`[electron-native] ${line}`);

/**
 * Environment for prebuild-install / node-gyp. npm exports user config such as `nodedir` as
 * npm_config_* variables; a `nodedir` pointing at Node's headers would silently build for the
 * wrong ABI, so every setting that picks the runtime or headers is removed (we pass them as flags).
 * @param {Record<string, string | undefined>} env
 */
export function electronBuildEnv(env) {
  const overridden = new Set(['nodedir', 'runtime', 'target', 'disturl', 'dist_url', 'dist-url']);
  /** @type {Record<string, string>} */
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const match = /^npm_config_(.+)$/i.exec(key);
    if (match && overridden.has(match[1].toLowerCase())) continue;
    clean[key] = value;
  }
  return clean;
}

/** Copies the better-sqlite3 package without its build output (and nested node_modules). */
export function copyAddonSources(packageDir, destDir) {
  const skipped = new Set(['build', 'node_modules', 'prebuilds']);
  cpSync(packageDir, destDir, {
    recursive: true,
    filter: (source) => {
      const top = relative(packageDir, source).split(sep)[0];
      return top === undefined || !skipped.has(top);
    },
  });
}

/** `[command, ...prefixArgs]` running a package's CLI: the installed copy if any, else npx. */
function toolCommand(resolveFrom, binModule, npxPackage) {
  try {
    return [process.execPath, createRequire(resolveFrom).resolve(binModule)];
  } catch {
    return [process.platform === 'win32' ? 'npx.cmd' : 'npx', '--yes', npxPackage];
  }
}

function run([command, ...prefix], args, cwd, env) {
  const result = spawnSync(command, [...prefix, ...args], {
    cwd, env, stdio: 'inherit', shell: process.platform === 'win32' && command.endsWith('.cmd'),
  });
  return result.status === 0;
}

/**
 * Builds (or downloads) the addon for `electronVersion` and stores it at the path from
 * native-path.mjs. Returns that path. Throws when neither a prebuilt nor a local build works.
 */
export function buildElectronNative({ root, electronVersion, platform = process.platform, arch = process.arch }) {
  const packageDir = join(root, 'node_modules', 'better-sqlite3');
  const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const workDir = mkdtempSync(join(tmpdir(), 'lookout-native-'));
  const env = electronBuildEnv(process.env);
  const built = join(workDir, 'build', 'Release', NATIVE_ADDON_NAME);
  try {
    copyAddonSources(packageDir, workDir);
    const targetFlags = [`--target=${electronVersion}`, `--arch=${arch}`];
    log(`trying a prebuilt better-sqlite3 ${packageVersion} for Electron ${electronVersion} (${platform}-${arch})`);
    const prebuild = toolCommand(join(packageDir, 'package.json'), 'prebuild-install/bin.js', 'prebuild-install@7');
    const downloaded = run(prebuild, ['--runtime=electron', `--platform=${platform}`, ...targetFlags], workDir, env)
      && existsSync(built);
    if (!downloaded) {
      log('no prebuilt available; compiling with node-gyp (needs Python and a C++ toolchain; takes a few minutes, once)');
      const nodeGyp = env.npm_config_node_gyp
        ? [process.execPath, env.npm_config_node_gyp]
        : toolCommand(join(root, 'package.json'), 'node-gyp/bin/node-gyp.js', 'node-gyp');
      const args = ['rebuild', '--release', '--runtime=electron', ...targetFlags, `--dist-url=${ELECTRON_HEADERS_URL}`];
      if (!run(nodeGyp, args, workDir, env) || !existsSync(built)) {
        throw new Error(`could not build better-sqlite3 for Electron ${electronVersion}; see the node-gyp output above`);
      }
    }
    const target = electronNativeBindingPath(root, electronVersion, platform, arch);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    writeFileSync(join(dirname(target), NATIVE_STAMP_NAME), packageVersion);
    return target;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** True when the stored addon exists and was built from the installed better-sqlite3 version. */
export function isNativeCurrent(root, electronVersion, platform = process.platform, arch = process.arch) {
  const dir = electronNativeDir(root, electronVersion, platform, arch);
  const stamp = join(dir, NATIVE_STAMP_NAME);
  if (!existsSync(join(dir, NATIVE_ADDON_NAME)) || !existsSync(stamp)) return false;
  const installed = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  return readFileSync(stamp, 'utf8').trim() === installed;
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const electronDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'package.json'))) {
    console.error('Electron is not installed: run `npm install` first.');
    return 1;
  }
  if (findElectronBinary(electronDir) === null) {
    console.error('Electron binary not installed: run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD '
      + '(or `node node_modules/electron/install.js`) to download it.');
    return 1;
  }
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const force = process.argv.includes('--force');
  if (!force && isNativeCurrent(root, electronVersion)) {
    log(`ready: ${relative(root, electronNativeBindingPath(root, electronVersion))}`);
    return 0;
  }
  try {
    const target = buildElectronNative({ root, electronVersion });
    log(`built: ${relative(root, target)}`);
    return 0;
  } catch (error) {
    console.error(`[electron-native] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
