import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { DISK_FULL_DETAIL, handleIngest, handleUnknownPath, INTERNAL_ERROR_DETAIL, isDiskFull, type IngestDeps } from './ingest/ingest-handler';
import { matchIngestRoute, type RouteMatch } from './ingest/routes';
import { HttpError, sendJson } from './api/http-util';
import { isLocalHost, isSameOrigin } from './api/host-guard';
import type { Router } from './api/router';
import { serveStatic } from './static-files';
import { clientErrorHandler } from './ingest/tls-on-plain-port';

export interface HttpDeps {
  ingest: IngestDeps;
  api: Router;
  uiRoot: string;
  /** When bound beyond loopback: the token the UI and read API require. */
  token: string | null;
  extraHosts: ReadonlySet<string>;
  log: (line: string) => void;
  timeouts?: Partial<HttpTimeouts>;
}

/**
 * Slow or stalled clients (trickled headers or body) are answered 408 and closed after these;
 * Node checks every `checkIntervalMs`, so a stalled socket lives at most a timeout plus that.
 */
export interface HttpTimeouts { headersMs: number; requestMs: number; keepAliveMs: number; checkIntervalMs: number }
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 20_000, requestMs: 120_000, keepAliveMs: 65_000, checkIntervalMs: 5_000 };

const API_PREFIX = '/_lookout/api';

/**
 * Host names the UI and read API answer to when bound beyond loopback (the token guards them
 * then): the bound address, and for 0.0.0.0 / :: every address and the name of this machine.
 * Any other Host, as a DNS-rebinding page sends, stays refused.
 */
export function hostsForBind(host: string): Set<string> {
  const names = new Set<string>();
  const add = (addr: string) => names.add(addr.includes(':') ? `[${addr.toLowerCase()}]` : addr.toLowerCase());
  add(host);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address.replace(/%.*$/, ''));
    names.add(hostname().toLowerCase());
    names.add(`${hostname().toLowerCase()}.local`);
  }
  return names;
}

function tokenOk(req: IncomingMessage, url: URL, token: string | null): boolean {
  if (!token) return true;
  const cookie = /(?:^|;\s*)lookout_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return url.searchParams.get('token') === token || req.headers['x-lookout-token'] === token || cookie === token;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: HttpDeps): Promise<void> {
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(req)) throw new HttpError(403, 'cross-origin requests may not change state');
  const found = deps.api.match(method, path);
  if (found === null) throw new HttpError(404, `no API route ${path}`);
  if (found === 'method') throw new HttpError(405, `method ${method} not allowed on ${path}`);
  const body = await found.handler({ req, res, url, params: found.params });
  if (!res.headersSent && body !== undefined) sendJson(res, 200, body);
}

/** The read API and the UI: loopback Host headers only (or the token when bound beyond loopback). */
async function serveUi(req: IncomingMessage, res: ServerResponse, url: URL, deps: HttpDeps): Promise<void> {
  if (!isLocalHost(req, deps.extraHosts)) throw new HttpError(403, 'forbidden host: the Lookout UI answers only on 127.0.0.1, localhost or [::1]');
  if (!tokenOk(req, url, deps.token)) throw new HttpError(401, 'this Lookout listens beyond loopback: open the URL with ?token=… printed at start');
  if (deps.token && url.searchParams.get('token') === deps.token) {
    res.setHeader('set-cookie', `lookout_token=${deps.token}; HttpOnly; SameSite=Strict; Path=/`);
  }
  if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(req, res, url, deps);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
  return serveStatic(res, deps.uiRoot, url.pathname);
}

/**
 * A request the UI would not serve, to a path outside `/_lookout/`: an SDK (or a hand-made
 * request) sent to a wrong URL. The UI answers only GET and HEAD; a GET stays the UI's (a browser
 * tab opening any path gets the app).
 */
function sentToUnknownPath(req: IncomingMessage, url: URL): boolean {
  const method = req.method ?? 'GET';
  return method !== 'GET' && method !== 'HEAD' && url.pathname !== '/_lookout' && !url.pathname.startsWith('/_lookout/');
}

/**
 * One server for everything: ingest routes (open to any origin, as Relay), requests to any other
 * path but the UI's (404, kept as rejected), then — for loopback Host headers only — the read API and the UI.
 */
export function createHttpServer(deps: HttpDeps): Server {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...deps.timeouts };
  const server = createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => {
    let url: URL;
    let route: RouteMatch | null;
    // Nothing a request carries may throw out of this callback: that would end the process.
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      route = matchIngestRoute(url.pathname);
    } catch (err) {
      sendJson(res, 400, { detail: `malformed request target: ${(err as Error).message}` });
      return;
    }
    const work = route ? handleIngest(req, res, url, route, deps.ingest)
      : sentToUnknownPath(req, url) ? handleUnknownPath(req, res, url, deps.ingest) : serveUi(req, res, url, deps);
    work.catch((err: unknown) => {
      if (isDiskFull(err)) err = new HttpError(503, DISK_FULL_DETAIL);
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) deps.log(`error on ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
      // A 500's message may hold a stack trace or a path: the log has it, the client gets none.
      if (!res.headersSent) sendJson(res, status, { detail: status === 500 ? INTERNAL_ERROR_DETAIL : (err as Error).message });
      else res.destroy();
    });
  });
  // An https:// DSN: the SDK's TLS handshake is told apart from other bad requests and said (tls-on-plain-port.ts).
  server.on('clientError', clientErrorHandler({ log: deps.log, recordRejected: (req, status, reason) => deps.ingest.recordRejected(req, status, reason) }));
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}
