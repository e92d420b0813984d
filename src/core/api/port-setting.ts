import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from './http-util';

/**
 * The port to use at the next start lives in `<dataDir>/settings.json` (`{ "port": N }`), a
 * file read before the database opens: the desktop app reads it at start-up, and `lookout serve`
 * uses it when no --port is given. Other keys in the file are kept.
 */
/** Sentry Spotlight's port, which a start without --port or a saved port listens on. */
export const DEFAULT_PORT = 8969;

export function readPortSetting(dataDir: string): number | null {
  try {
    const port = (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export function savePortSetting(dataDir: string, value: unknown): void {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new HttpError(400, 'port must be a whole number from 1 to 65535');
  const file = join(dataDir, 'settings.json');
  let current: Record<string, unknown> = {};
  try { current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { /* new file */ }
  writeFileSync(file, `${JSON.stringify({ ...current, port }, null, 2)}\n`);
}
