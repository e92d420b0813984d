import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocalHost, isSameOrigin } from '../../src/core/api/host-guard';
import { devApiProxy, readApiOrigin } from '../../scripts/dev-api-proxy.mjs';

/** A stand-in for the core server that applies the core's own host and same-origin guards. */
function fakeCore(name: string, onStream?: (res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!isLocalHost(req)) return void res.writeHead(403).end('host');
    if (req.method !== 'GET' && !isSameOrigin(req)) return void res.writeHead(403).end('origin');
    if (req.url === '/_lookout/api/stream' && onStream) return onStream(res);
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, method: req.method, url: req.url, body }));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    done({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }));
}

describe('dev API proxy (electron-vite dev)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-dev-proxy-'));
  const originFile = join(dir, 'dev-api-origin');
  const servers: Server[] = [];
  let vite: ViteDevServer;
  let base: string;
  let first: { origin: string };
  let second: { origin: string };
  let releaseStream: () => void = () => {};

  beforeAll(async () => {
    const a = await fakeCore('first', (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: item\ndata: {"seq":1}\n\n');
      releaseStream = () => res.end();
    });
    const b = await fakeCore('second');
    servers.push(a.server, b.server);
    first = a;
    second = b;
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    vite = await createViteServer({
      root: dir, configFile: false, logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 }, plugins: [devApiProxy({ originFile, fallbackOrigin: first.origin })],
    });
    await vite.listen();
    base = `http://localhost:${(vite.httpServer!.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    releaseStream();
    await vite.close();
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards /_lookout/ to the origin main wrote, re-reading it on every request', async () => {
    writeFileSync(originFile, first.origin);
    expect(await (await fetch(`${base}/_lookout/api/issues?x=1`)).json()).toMatchObject({ name: 'first', url: '/_lookout/api/issues?x=1' });
    writeFileSync(originFile, `${second.origin}\n`);
    expect(await (await fetch(`${base}/_lookout/api/issues`)).json()).toMatchObject({ name: 'second' });
  });

  it('forwards ingest (/api/) too, so a DSN on the dev server still works', async () => {
    writeFileSync(originFile, second.origin);
    const res = await fetch(`${base}/api/1/envelope/`, { method: 'POST', body: '{}\n' });
    expect(await res.json()).toMatchObject({ name: 'second', method: 'POST', body: '{}\n' });
  });

  it('keeps a page’s state-changing call same-origin for the core’s guard', async () => {
    writeFileSync(originFile, second.origin);
    const res = await fetch(`${base}/_lookout/api/settings`, {
      method: 'PUT', headers: { origin: base, 'content-type': 'application/json' }, body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    const foreign = await fetch(`${base}/_lookout/api/settings`, { method: 'PUT', headers: { origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('streams server-sent events without waiting for the response to end', async () => {
    writeFileSync(originFile, first.origin);
    const res = await fetch(`${base}/_lookout/api/stream`);
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: item');
    await reader.cancel();
  });

  it('ignores an origin file that points off this machine, and leaves other paths to vite', async () => {
    writeFileSync(originFile, 'http://evil.example:80');
    expect(readApiOrigin(originFile, first.origin)).toBe(first.origin);
    expect(readApiOrigin(join(dir, 'missing'), second.origin)).toBe(second.origin);
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('<title>t</title>');
  });
});
