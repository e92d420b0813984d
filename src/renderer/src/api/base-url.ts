/**
 * Where the read API lives. Headless (`lookout serve`): the page is served by the API server
 * itself, so same origin. Desktop: the preload bridge `window.lookout.getServerInfo()` tells the
 * renderer which port the embedded server bound to.
 */
import { desktopBridge } from './bridge';

/** Strips a trailing slash so paths can be appended with `/_lookout/...`. */
function trimSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

/**
 * Resolves the origin (no trailing slash) that serves `/_lookout/api/*`. Empty string means
 * "same origin", which keeps every URL relative in the headless web build.
 */
export async function resolveApiBase(): Promise<string> {
  const bridge = desktopBridge();
  if (bridge) {
    const info: unknown = await bridge.getServerInfo();
    if (typeof info === 'object' && info !== null) {
      const apiBase: unknown = (info as Record<string, unknown>).apiBase;
      if (typeof apiBase === 'string' && apiBase.length > 0) return trimSlash(apiBase);
    }
  }
  if (typeof location !== 'undefined' && (location.protocol === 'http:' || location.protocol === 'https:')) return '';
  // A file:// page without a bridge cannot reach anything; fall back to the default port.
  return 'http://127.0.0.1:8969';
}

/** Host and port the SDK should send to, for DSN snippets (`127.0.0.1:8969`). */
export function ingestHost(apiBase: string): string {
  if (apiBase) {
    try { return new URL(apiBase).host; } catch { /* fall through */ }
  }
  return typeof location !== 'undefined' && location.host ? location.host : '127.0.0.1:8969';
}
