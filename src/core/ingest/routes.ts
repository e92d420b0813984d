/**
 * Ingest routes as Relay serves them, with any path prefix before `/api/` (a DSN may carry
 * one) and the trailing slash optional.
 * @see https://develop.sentry.dev/sdk/overview/#parsing-the-dsn
 */
export type IngestRoute = 'envelope' | 'store' | 'minidump' | 'security' | 'nel' | 'stream' | 'tunnel';

export interface RouteMatch {
  route: IngestRoute;
  /** The project id as it appears in the path (validated later), or null for /stream and /tunnel. */
  projectId: string | null;
}

const API_ROUTE = /^(?:\/.*)?\/api\/([^/]+)\/(envelope|store|minidump|security|csp-report|nel)\/?$/;
const LEGACY_STORE = /^(?:\/.*)?\/api\/store\/?$/;

/** A malformed escape (`/api/%/store/`) stays as it is, and fails the project id check with a 400. */
function safeDecode(segment: string): string {
  try { return decodeURIComponent(segment); } catch { return segment; }
}

export function matchIngestRoute(pathname: string): RouteMatch | null {
  if (pathname === '/stream' || pathname === '/stream/') return { route: 'stream', projectId: null };
  if (pathname === '/tunnel' || pathname === '/tunnel/') return { route: 'tunnel', projectId: null };
  if (pathname.startsWith('/_lookout/')) return null;
  const m = API_ROUTE.exec(pathname);
  if (m) {
    const kind = m[2] === 'csp-report' ? 'security' : (m[2] as IngestRoute);
    return { route: kind, projectId: safeDecode(m[1]!) };
  }
  if (LEGACY_STORE.test(pathname)) return { route: 'store', projectId: null };
  return null;
}

/** `host:port` of the socket a request arrived on, as a DSN writes it (an IPv6 address in brackets). */
export function localHostPort(socket: { localAddress?: string | undefined; localPort?: number | undefined }): string {
  const address = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `${address.includes(':') ? `[${address}]` : address}:${socket.localPort ?? 8969}`;
}

/** Relay requires a numeric, non-zero project id. */
export function parseProjectId(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

/** The project id at the end of a DSN's path: `http://key@host:port/prefix/42` → "42". */
export function projectIdFromDsn(dsn: unknown): string | null {
  if (typeof dsn !== 'string') return null;
  try {
    const url = new URL(dsn);
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ?? null;
  } catch {
    return null;
  }
}

const LOOKS_LIKE_INGEST = /(?:^|\/)(\d{1,15})\/(envelope|store|minidump|security|nel)\/?$/;

/**
 * What a request to a path no route serves is told (Relay answers such a path 404): the URL form
 * SDKs send to, built from the DSN, and the corrected URL when the path names a project and an
 * endpoint but not `/api/` (`/1/envelope/`). `hostPort` is the address the request reached (the
 * server may run on another port than 8969, and a DSN naming 8969 would be one more wrong turn).
 * @see https://develop.sentry.dev/sdk/overview/#parsing-the-dsn
 */
export function unknownPathDetail(pathname: string, hostPort = '127.0.0.1:8969'): string {
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  const m = LOOKS_LIKE_INGEST.exec(pathname);
  const guess = m ? ` (did you mean POST /api/${m[1]!}/${m[2]!}/?)` : '';
  return `no ingest endpoint at ${shown}${guess}: Sentry SDKs send to POST /api/<project id>/envelope/, `
    + `the project id being the number at the end of the DSN (http://<key>@${hostPort}/1 sends to /api/1/envelope/)`;
}
