// Vite plugin for `electron-vite dev`: the window shows the vite dev server, but the read API and
// ingest live on the core server that Electron main starts (port from settings, known only at run
// time). Forwarding /_lookout/ and /api/ keeps the renderer same-origin with its API, so the
// core's host and same-origin guards stay strict. Main writes the core's origin to `originFile`.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export const PROXIED_PREFIXES = ['/_lookout/', '/api/'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only forward to a loopback http origin; anything else in the file is ignored. */
export function readApiOrigin(originFile, fallbackOrigin) {
  try {
    const url = new URL(readFileSync(originFile, 'utf8').trim());
    if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url.origin;
  } catch {
    // No file yet (main has not started the server): use the default port.
  }
  return fallbackOrigin;
}

/**
 * @param {{ originFile: string; fallbackOrigin?: string }} options
 * @returns {import('vite').Plugin}
 */
export function devApiProxy({ originFile, fallbackOrigin = 'http://127.0.0.1:8969' }) {
  return {
    name: 'lookout-dev-api-proxy',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url || !PROXIED_PREFIXES.some((prefix) => req.url.startsWith(prefix))) return next();
        const target = new URL(readApiOrigin(originFile, fallbackOrigin));
        // Host and Origin pass through unchanged: both name the dev server, so the core sees a
        // same-origin request from a loopback host.
        const upstream = request(
          { hostname: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, method: req.method, path: req.url, headers: req.headers },
          (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
          },
        );
        upstream.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`Lookout server not reachable at ${target.origin}: ${error.message}`);
        });
        // The page went away (e.g. closed an SSE stream): stop the upstream request too.
        res.on('close', () => upstream.destroy());
        req.pipe(upstream);
      });
    },
  };
}
