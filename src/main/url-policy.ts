/**
 * Which URLs the window may load and which may go to the system browser. Everything shown in the
 * UI comes from captured events, so any link can be hostile: only http(s) leaves the app, and the
 * window itself never leaves our own origins.
 * @see https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */

const MAX_URL_LENGTH = 8192;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for http:// and https:// URLs, the only ones handed to `shell.openExternal`. */
export function isExternalHttpUrl(url: unknown): url is string {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** True when `url` is on one of `origins` (each like `http://127.0.0.1:8969`). */
export function isAllowedOrigin(url: unknown, origins: readonly string[]): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.origin !== 'null' && origins.includes(parsed.origin);
}

/** The origin of a server URL, e.g. `http://127.0.0.1:8969/` → `http://127.0.0.1:8969`. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
