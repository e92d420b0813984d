import type { IncomingMessage } from 'node:http';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostname(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  const colon = hostHeader.lastIndexOf(':');
  return (colon >= 0 ? hostHeader.slice(0, colon) : hostHeader).toLowerCase();
}

/**
 * DNS-rebinding guard for the read API and the UI: a page on evil.example that resolves its
 * name to 127.0.0.1 still sends `Host: evil.example`, so only loopback names are served.
 */
export function isLocalHost(req: IncomingMessage, extraHosts: ReadonlySet<string> = new Set()): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const name = hostname(host);
  return LOCAL_HOSTS.has(name) || extraHosts.has(name);
}

/**
 * State-changing calls must come from our own pages: a browser always sends Origin on
 * cross-origin POST/PATCH/PUT, and it must equal the Host we are served under.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) {
    // Non-browser clients (curl, the CLI) send no Origin; browsers' fetch always does for these methods.
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
