/**
 * A small shop page on a loopback port, with real @sentry/browser + Session Replay bundled by
 * esbuild. It counts requests per path, so a test can tell whether replayed content reached it.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface BrowserApp {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** The page URL that reports to `dsn`. */
  pageUrl(dsn: string): string;
  /** Requests received for a path so far. */
  hits(path: string): number;
  close(): Promise<void>;
}

let bundled: Promise<Uint8Array> | null = null;

function bundle(): Promise<Uint8Array> {
  bundled ??= build({
    entryPoints: [`${HERE}page.js`], bundle: true, format: 'iife', platform: 'browser', target: 'es2020',
    write: false, logLevel: 'warning',
  }).then((result) => {
    const out = result.outputFiles[0];
    if (!out) throw new Error('esbuild produced no bundle');
    return out.contents;
  });
  return bundled;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  const [appJs, html, logo] = await Promise.all([bundle(), readFile(`${HERE}index.html`), readFile(`${HERE}logo.svg`)]);
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      if (path === '/' || path === '/checkout/pay') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      if (path === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(appJs);
      if (path === '/logo.svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(logo);
      if (path === '/api/pay') return void res.writeHead(402, { 'content-type': 'text/plain' }).end('declined');
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (dsn) => `${origin}/?dsn=${encodeURIComponent(dsn)}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
