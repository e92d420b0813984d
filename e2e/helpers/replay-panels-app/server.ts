/**
 * A one-page shop on a loopback port whose `/api/orders` answers JSON, with real @sentry/browser +
 * Session Replay (capturing that endpoint's headers and bodies) bundled by esbuild.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** What `/api/orders` answers; the spec finds it in the replay's Network details. */
export const ORDERS_BODY = { orders: [{ id: 1, total: 19 }, { id: 2, total: 7 }, { id: 3, total: null }] };

export interface PanelsApp {
  pageUrl(dsn: string): string;
  close(): Promise<void>;
}

async function bundle(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [`${HERE}page.js`], bundle: true, format: 'iife', platform: 'browser', target: 'es2020', write: false, logLevel: 'warning',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no bundle');
  return out.contents;
}

export async function startPanelsApp(): Promise<PanelsApp> {
  const [appJs, html] = await Promise.all([bundle(), readFile(`${HERE}index.html`)]);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    req.resume();
    req.on('end', () => {
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      if (path === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(appJs);
      if (path === '/api/orders') {
        return void res.writeHead(200, { 'content-type': 'application/json', 'x-orders-count': '3' }).end(JSON.stringify(ORDERS_BODY));
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pageUrl: (dsn) => `${origin}/?dsn=${encodeURIComponent(dsn)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
