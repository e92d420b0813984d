/**
 * Test support (not used by the app): a real HTTP server on 127.0.0.1 standing in for the user's
 * dev server, with routes a test sets and counts of what it was asked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Route {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Accept the request and never answer (a dev server stuck mid-rebuild). */
  hang?: boolean;
  /** Held until the test calls `release()`. */
  hold?: boolean;
}

export interface DevServer {
  origin: string;
  port: number;
  routes: Map<string, Route>;
  /** Paths requested, in order, with their conditional headers. */
  requests: { path: string; ifNoneMatch: string | null }[];
  open: number;
  maxOpen: number;
  held: (() => void)[];
  close(): Promise<void>;
}

export async function startDevServer(): Promise<DevServer> {
  const sockets = new Set<Socket>();
  const dev: DevServer = {
    origin: '', port: 0, routes: new Map(), requests: [], open: 0, maxOpen: 0, held: [],
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const answer = (req: IncomingMessage, res: ServerResponse, route: Route | undefined): void => {
    dev.open--;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = route.headers?.etag;
    if (etag && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': 'application/javascript', ...route.headers }).end(route.body ?? '');
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    dev.requests.push({ path, ifNoneMatch: typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : null });
    dev.open++;
    dev.maxOpen = Math.max(dev.maxOpen, dev.open);
    const route = dev.routes.get(path);
    if (route?.hang) return;
    if (route?.hold) dev.held.push(() => answer(req, res, route));
    else answer(req, res, route);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dev.port = (server.address() as AddressInfo).port;
  dev.origin = `http://127.0.0.1:${dev.port}`;
  return dev;
}
