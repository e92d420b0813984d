import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareRequest, type RequestInput, type RequestOutcome } from '../pipeline/prepare-request';
import { handleIngest, type IngestDeps } from './ingest-handler';
import { LargeRequestGate } from './large-request-gate';
import { matchIngestRoute } from './routes';

describe('LargeRequestGate', () => {
  it('lets one holder through at a time, in arrival order, and ignores a second release', async () => {
    const gate = new LargeRequestGate();
    const order: string[] = [];
    const first = await gate.acquire();
    const second = gate.acquire().then((release) => { order.push('second'); return release; });
    const third = gate.acquire().then((release) => { order.push('third'); release(); });
    await vi.waitFor(() => expect(gate.queued).toBe(2));
    first();
    first();
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(gate.queued).toBe(0);
    const again = await gate.acquire();
    again();
  });
});

/** A 3 MB event (decoded), `encode`d: past the size a body is decoded in one call. */
function largeEnvelope(id: string, encode: (b: Buffer) => Buffer): Buffer {
  const event = { event_id: id, message: 'large', extra: { filler: 'x'.repeat(3 * 1024 * 1024) } };
  return encode(Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n${JSON.stringify(event)}\n`));
}

describe('ingest of large bodies', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => { if (server) server.close(() => resolve()); else resolve(); }));

  it('prepares one large body at a time while small ones go straight through', async () => {
    const gate = new LargeRequestGate();
    const held = new Map<string, () => void>();
    const prepared: string[] = [];
    const deps: IngestDeps = {
      maxBodyBytes: 10 * 1024 * 1024,
      largeRequests: gate,
      // Each prepare waits until the test lets it finish, so what runs at once can be seen.
      prepare: async (input: RequestInput): Promise<RequestOutcome> => {
        const id = /"event_id":"(\w+)"/.exec(input.body.subarray(0, 64).toString())?.[1] ?? '?';
        prepared.push(id);
        await new Promise<void>((resolve) => held.set(id, resolve));
        return prepareRequest(input, null);
      },
      commit: async () => ({ envelopeId: 1, items: [], issues: [] }),
      recordRejected: async () => undefined,
    };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      void handleIngest(req, res, url, matchIngestRoute(url.pathname)!, deps);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/1/envelope/`;
    const send = (body: Buffer, encoding?: string) =>
      fetch(base, { method: 'POST', body, headers: encoding ? { 'content-encoding': encoding } : {} }).then((r) => r.status);
    const a = 'a'.repeat(32); const b = 'b'.repeat(32); const c = 'c'.repeat(32);
    const first = send(largeEnvelope(a, gzipSync), 'gzip');
    await vi.waitFor(() => expect(prepared).toEqual([a]));
    const second = send(largeEnvelope(b, brotliCompressSync), 'br');
    await vi.waitFor(() => expect(gate.queued).toBe(1));
    const small = send(Buffer.from(`{"event_id":"${c}"}\n{"type":"event"}\n{"message":"small"}\n`));
    await vi.waitFor(() => expect(prepared).toEqual([a, c]));
    held.get(c)!();
    expect(await small).toBe(200);
    expect(gate.queued).toBe(1);
    held.get(a)!();
    expect(await first).toBe(200);
    await vi.waitFor(() => expect(prepared).toEqual([a, c, b]));
    held.get(b)!();
    expect(await second).toBe(200);
    expect(gate.queued).toBe(0);
  });
});
