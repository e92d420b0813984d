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
