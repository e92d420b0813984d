// Where the Electron-ABI copy of better-sqlite3's addon lives. Shared by scripts/electron-native.mjs
// (which builds it) and src/main (which hands it to better-sqlite3 as `nativeBinding`), so both
// compute the same path. node_modules/better-sqlite3/build stays Node-ABI for vitest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder (relative to the project root) holding one sub-folder per Electron target. */
export const NATIVE_CACHE_DIR = '.electron-native';
/** File name of the addon inside a target folder. */
export const NATIVE_ADDON_NAME = 'better_sqlite3.node';
/** Records which better-sqlite3 version the addon was built from, so an upgrade triggers a rebuild. */
export const NATIVE_STAMP_NAME = 'better-sqlite3.version';

/**
 * Target folder `<root>/.electron-native/<electron version>-<platform>-<arch>`.
 * @param {string} root project root
 * @param {string} electronVersion e.g. `45.4.1` (a leading `v` is dropped)
 * @param {string} [platform]
 * @param {string} [arch]
 */
export function electronNativeDir(root, electronVersion, platform = process.platform, arch = process.arch) {
  const version = String(electronVersion).replace(/^v/, '');
  if (!/^\d+\.\d+\.\d+[\w.-]*$/.test(version)) throw new Error(`Not an Electron version: ${electronVersion}`);
  return join(root, NATIVE_CACHE_DIR, `${version}-${platform}-${arch}`);
}

/** Full path of the Electron-ABI `better_sqlite3.node` for this target. */
export function electronNativeBindingPath(root, electronVersion, platform = process.platform, arch = process.arch) {
  return join(electronNativeDir(root, electronVersion, platform, arch), NATIVE_ADDON_NAME);
}

/**
 * Path of the Electron executable, or null when it was never downloaded (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1). Reads electron's `path.txt` instead of `require('electron')`,
 * because electron's index.js starts a download when the binary is missing.
 * @param {string} electronPackageDir node_modules/electron
 * @param {Record<string, string | undefined>} [env]
 */
export function findElectronBinary(electronPackageDir, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pathFile = join(electronPackageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronPackageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
