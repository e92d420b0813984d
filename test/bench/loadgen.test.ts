import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenerator } from '../../bench/generator.mjs';
import { parseEnvelope } from '../../src/core/ingest/envelope';

// The load generator against a server that keeps its own books: what the bench counts must be
// exactly what the server acknowledged, whatever the timing.

interface Received { encoding: string | undefined; eventId: unknown }

let server: Server;
let port = 0;
const received: Received[] = [];
const streams: import('node:http').ServerResponse[] = [];
let posts = 0;
/** Set by a test: refuse every third request, so acknowledged and sent differ. */
let refuseEveryThird = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':\n\n');
      streams.push(res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const encoding = req.headers['content-encoding'];
      const envelope = parseEnvelope(encoding === 'gzip' ? gunzipSync(raw) : raw);
      const eventId = envelope.headers.event_id;
      received.push({ encoding, eventId });
      const refuse = refuseEveryThird && ++posts % 3 === 0;
      res.writeHead(refuse ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: eventId }));
      if (!refuse) for (const s of streams) s.write(`data: {"eventId":"${String(eventId)}"}\n\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of streams) s.end();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('bench load generator', () => {
  it('closed loop: counts only 2xx answers, alternates plain and gzip per pass, sends each envelope once', async () => {
    const gen = await startGenerator();
    try {
      received.length = 0;
      refuseEveryThird = true;
      const out = await gen.run({ cmd: 'closed', port, workload: 'error8k', connections: 4, warmupMs: 0, durationMs: 0, maxEnvelopes: 450 });
      refuseEveryThird = false;
      expect(received).toHaveLength(450);
      expect(out.statuses).toEqual({ 200: 300, 503: 150 });
      expect(out.acked).toBe(300);
      expect(out.failed).toBe(150);
      expect(out.ackedInWindow).toBe(out.acked);
      // 200 templates: requests 0–199 plain, 200–399 gzip, 400–449 plain again.
      expect(received.filter((r) => r.encoding === 'gzip')).toHaveLength(200);
      expect(new Set(received.map((r) => r.eventId)).size).toBe(450);
    } finally {
      gen.close();
    }
  });

  it('open loop: sends exactly rate × duration, measures each acknowledged send, and matches every one on the stream', async () => {
    const gen = await startGenerator();
    try {
      received.length = 0;
      const out = await gen.run({ cmd: 'open', port, workload: 'error8k', rate: 400, durationMs: 250, warmupMs: 0, maxConnections: 8,
        ssePath: '/stream', sseIdPattern: '"eventId":"([0-9a-f]{32})"' });
      expect(out.sent).toBe(100);
      expect(received).toHaveLength(100);
      expect(out.failed).toBe(0);
      expect(out.latency.count).toBe(100);
      // The stream and the answer travel on different sockets, so a message may arrive first (counted as 0 ms).
      expect(out.sse).toMatchObject({ count: 100, missing: 0 });
    } finally {
      gen.close();
    }
  });
});
