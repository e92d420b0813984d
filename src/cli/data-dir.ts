import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$XDG_DATA_HOME/lookout`, else `~/.local/share/lookout` (the desktop app uses Electron's userData). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'lookout');
}

export function resolveDataDir(flagValue: string | undefined): string {
  return flagValue ? resolve(flagValue) : defaultDataDir();
}

/**
 * For commands that read an existing store (`export`, `regroup`): a data dir without a
 * `lookout.db` is most likely a typo, and opening it would create an empty store there.
 */
export function assertStoreExists(dataDir: string): void {
  if (existsSync(join(dataDir, 'lookout.db'))) return;
  throw new Error(`No Lookout data in ${dataDir} (no lookout.db there). Pass the --data-dir that \`lookout serve\` uses` +
    ` (default ${defaultDataDir()}).`);
}
