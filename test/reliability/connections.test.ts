import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health, ItemSummary, Page } from '../../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

/** Concurrent connections held open at once; the README quotes this figure. */
const CONNECTIONS = 1000;
const TIMEOUTS = { headersMs: 400, requestMs: 1200, keepAliveMs: 400, checkIntervalMs: 100 };

let slow: TestLookout;
let busy: TestLookout;

beforeAll(async () => {
  [slow, busy] = await Promise.all([startTestLookout({ httpTimeouts: TIMEOUTS }), startTestLookout()]);
});
afterAll(async () => { await Promise.all([slow.stopAndClean(), busy.stopAndClean()]); });

interface Closed { answer: string; ms: number; closedByServer: boolean }

/** Opens a raw TCP connection, lets `drive` write to it, and resolves when the server closes it. */
function rawClient(port: number, drive: (s: Socket) => (() => void) | void): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let stop: (() => void) | void;
    let serverEnded = false;
    socket.on('connect', () => { stop = drive(socket); });
    socket.on('data', (d: Buffer) => { answer += d.toString('latin1'); });
    socket.on('end', () => { serverEnded = true; });
    socket.on('error', () => undefined);
    socket.on('close', () => { stop?.(); resolve({ answer, ms: Date.now() - started, closedByServer: serverEnded || answer !== '' }); });
    socket.setTimeout(20_000, () => reject(new Error('the server never closed a stalled connection')));
  });
}

function trickle(socket: Socket, head: string, unit: string, everyMs: number): () => void {
  socket.write(head);
  const timer = setInterval(() => { if (!socket.destroyed) socket.write(unit); }, everyMs);
  return () => clearInterval(timer);
}

describe('slow clients are cut off, no socket stays stuck', () => {
  it('answers 408 and closes connections that send nothing, trickle headers, or trickle a body', async () => {
    const before = (await slow.api<Page<ItemSummary>>('items?limit=1')).items.length;
    const results = await Promise.all([
      rawClient(slow.port, () => undefined),
      rawClient(slow.port, (s) => trickle(s, 'POST /api/1/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n', 50)),
      rawClient(slow.port, (s) => trickle(s, 'GET /_lookout/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X', 50)),
      rawClient(slow.port, (s) => trickle(s,
        'POST /api/1/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{"event_id":"', 'a', 50)),
      rawClient(slow.port, (s) => trickle(s,
        'POST /api/1/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n', '1\r\na\r\n', 50)),
    ]);
    for (const r of results) {
      expect(r.closedByServer).toBe(true);
      expect(r.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(r.ms).toBeLessThan(TIMEOUTS.requestMs + 10 * TIMEOUTS.checkIntervalMs + 1000);
    }
    // The server serves normally afterwards, and nothing of the stalled bodies was stored as an item.
    const id = newEventId();
    expect((await post(`${slow.url}/api/1/envelope/`, eventEnvelope(id, errorEvent(id, 1)))).status).toBe(200);
    const items = (await slow.api<Page<ItemSummary>>('items?limit=10')).items;
    expect(items.length - before).toBe(1);
    expect(items[0]?.eventId).toBe(id);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const r = await rawClient(slow.port, (s) => { s.write('GET /_lookout/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'); });
    expect(r.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(r.closedByServer).toBe(true);
  });
});

describe(`${CONNECTIONS} concurrent connections`, () => {
  it('holds them all open, keeps answering others meanwhile, then stores an event from each', async () => {
    const sockets: Socket[] = await Promise.all(Array.from({ length: CONNECTIONS }, () => new Promise<Socket>((resolve, reject) => {
      const s = connect(busy.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    })));
    // Every connection is open and idle; the server still answers a fresh one at once.
    expect((await busy.api<Health>('health')).ok).toBe(true);

    const ids = sockets.map(() => newEventId());
    const answers = await Promise.all(sockets.map((s, i) => new Promise<string>((resolve) => {
      const body = eventEnvelope(ids[i]!, errorEvent(ids[i]!, i % 3));
      let answer = '';
      s.on('data', (d: Buffer) => { answer += d.toString('utf8'); });
      s.on('close', () => resolve(answer));
      s.write(`POST /api/1/envelope/?sentry_key=k HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    })));
    answers.forEach((a, i) => {
      expect(a).toMatch(/^HTTP\/1\.1 200 /);
      expect(a.endsWith(JSON.stringify({ id: ids[i] }))).toBe(true);
    });
    const stored = await busy.api<Page<ItemSummary>>('items?limit=1000');
    const storedIds = new Set(stored.items.map((it) => it.eventId));
    expect(ids.filter((id) => !storedIds.has(id))).toEqual([]);
  }, 60_000);
});
