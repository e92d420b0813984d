import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw request, so Host, Origin and Sec-Fetch-Site can be set as a hostile page would. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let local: TestLookout;
let lan: TestLookout;

beforeAll(async () => {
  [local, lan] = await Promise.all([startTestLookout(), startTestLookout({ host: '0.0.0.0' })]);
});
afterAll(async () => { await Promise.all([local.stopAndClean(), lan.stopAndClean()]); });

describe('loopback by default', () => {
  it('listens on 127.0.0.1 and needs no token there', async () => {
    expect(new URL(local.url).hostname).toBe('127.0.0.1');
    expect(local.token).toBeNull();
    expect((await send(local.port, 'GET', '/_lookout/api/health', { host: `127.0.0.1:${local.port}` })).status).toBe(200);
    expect((await send(local.port, 'GET', '/_lookout/api/health', { host: `localhost:${local.port}` })).status).toBe(200);
  });
});

describe('DNS rebinding, cross-origin writes and CORS', () => {
  const evil = { host: 'evil.example:8969' };

  it('refuses the read API, the UI and /open under a foreign Host', async () => {
    for (const [method, path] of [['GET', '/_lookout/api/health'], ['GET', '/_lookout/api/issues'], ['GET', '/'], ['POST', '/_lookout/api/open']] as const) {
      const res = await send(local.port, method, path, evil, method === 'POST' ? '{"file":"/etc/passwd"}' : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatch(/forbidden host/);
    }
  });

  it('refuses state changes from another origin, allows them from its own page and from curl', async () => {
    const host = `127.0.0.1:${local.port}`;
    const settings = JSON.stringify({ sourceRoots: ['/tmp/src'] });
    const json = { 'content-type': 'application/json' };
    const foreign: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: `http://localhost:${local.port}` }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const extra of foreign) {
      const res = await send(local.port, 'PUT', '/_lookout/api/settings', { host, ...json, ...extra }, settings);
      expect(res.status, JSON.stringify(extra)).toBe(403);
      const open = await send(local.port, 'POST', '/_lookout/api/open', { host, ...json, ...extra }, '{"file":"/etc/passwd","line":1}');
      expect(open.status, JSON.stringify(extra)).toBe(403);
      expect(open.body).toMatch(/cross-origin/);
    }
    expect((await send(local.port, 'PUT', '/_lookout/api/settings', { host, ...json, origin: `http://${host}` }, settings)).status).toBe(200);
    expect((await send(local.port, 'PUT', '/_lookout/api/settings', { host, ...json }, settings)).status).toBe(200);
  });

  it('sends no CORS headers on the read API and the UI; ingest keeps Relay CORS', async () => {
    const host = `127.0.0.1:${local.port}`;
    for (const [method, path] of [['GET', '/_lookout/api/issues'], ['OPTIONS', '/_lookout/api/settings'], ['GET', '/']] as const) {
      const res = await send(local.port, method, path, { host, origin: 'http://evil.example', 'access-control-request-method': 'PUT' });
      expect(res.headers['access-control-allow-origin'], `${method} ${path}`).toBeUndefined();
    }
    const id = newEventId();
    const ingest = await send(local.port, 'POST', '/api/1/envelope/?sentry_key=k', { host: 'evil.example', origin: 'http://evil.example' },
      eventEnvelope(id, errorEvent(id, 0)));
    expect(ingest.status).toBe(200);
    expect(ingest.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('bound beyond loopback (--host 0.0.0.0)', () => {
  it('requires the token for the UI and the read API, keeps ingest open for devices on the LAN', async () => {
    const token = lan.token!;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const host = `127.0.0.1:${lan.port}`;
    for (const path of ['/_lookout/api/health', '/_lookout/api/issues', '/']) {
      const res = await send(lan.port, 'GET', path, { host });
      expect(res.status, path).toBe(401);
      expect(res.body).toMatch(/token/);
      expect((await send(lan.port, 'GET', path, { host, 'x-lookout-token': `${token}x` })).status).toBe(401);
    }
    expect((await send(lan.port, 'GET', '/_lookout/api/health', { host, 'x-lookout-token': token })).status).toBe(200);
    const viaQuery = await send(lan.port, 'GET', `/_lookout/api/health?token=${token}`, { host });
    expect(viaQuery.status).toBe(200);
    const cookie = String(viaQuery.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await send(lan.port, 'GET', '/_lookout/api/health', { host, cookie: `lookout_token=${token}` })).status).toBe(200);

    const id = newEventId();
    const ingest = await send(lan.port, 'POST', '/api/1/envelope/?sentry_key=k', { host: `192.0.2.10:${lan.port}` }, eventEnvelope(id, errorEvent(id, 0)));
    expect(ingest.status).toBe(200);
    expect(JSON.parse(ingest.body)).toEqual({ id });
  });

  it('answers, with the token, under this machine\'s own addresses, and still refuses foreign Host names', async () => {
    const token = lan.token!;
    const own = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (own) expect((await send(lan.port, 'GET', '/_lookout/api/health', { host: `${own}:${lan.port}`, 'x-lookout-token': token })).status).toBe(200);
    expect((await send(lan.port, 'GET', '/_lookout/api/health', { host: `evil.example:${lan.port}`, 'x-lookout-token': token })).status).toBe(403);
  });
});
