/**
 * The desktop shell's own settings file, `<userData>/settings.json`, read before the core server
 * starts: `{ "port": N }` chooses the port (the startup dialog tells users to edit it when 8969 is
 * taken). Unknown fields are ignored and a bad value falls back to the default.
 */
import { readFileSync } from 'node:fs';

export const DEFAULT_PORT = 8969;
export const SETTINGS_FILE_NAME = 'settings.json';

export interface DesktopSettings {
  port: number;
  /** Where the port came from, so error messages point at the right knob. */
  portSource: 'default' | 'settings' | 'env';
}

function validPort(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? value : null;
}

/** Reads the settings out of parsed JSON of unknown shape. */
export function parseDesktopSettings(raw: unknown): DesktopSettings {
  const port = typeof raw === 'object' && raw !== null ? validPort((raw as { port?: unknown }).port) : null;
  return port === null ? { port: DEFAULT_PORT, portSource: 'default' } : { port, portSource: 'settings' };
}

/**
 * Settings from `file` (missing or corrupt → defaults). `LOOKOUT_PORT` in `env` wins over the
 * file, which lets tests run the app beside a Lookout already on 8969.
 */
export function readDesktopSettings(file: string, env: Record<string, string | undefined> = {}): DesktopSettings {
  const envPort = env.LOOKOUT_PORT === undefined ? null : validPort(Number(env.LOOKOUT_PORT));
  if (envPort !== null) return { port: envPort, portSource: 'env' };
  try {
    return parseDesktopSettings(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return parseDesktopSettings(null);
  }
}
