/**
 * Requests Lookout refuses, through a real server on a SQLite file, are recorded for the project their
 * URL names and with the bytes they sent: a plain body over the cap (413, no "after decompression"), a
 * gzip bomb (413 after decompression), a body that is no envelope (400), and `zstd` where this Node
 * cannot undo it (415 naming the Node version that can; accepted where it can, as Relay accepts it).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/endpoints/common.rs
 */
import * as zlib from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeRecord, EventDetail, Page } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const CAP = 1024 * 1024;
let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout({ maxBodyBytes: CAP }); });
afterAll(async () => { await lookout.stopAndClean(); });

const newId = () => crypto.randomUUID().replace(/-/g, '');
const envelope = (id: string, message: string) => `{"event_id":"${id}"}\n{"type":"event"}\n${JSON.stringify({ event_id: id, message })}`;
/** The newest rejected request Lookout recorded. */
async function lastRejected(): Promise<EnvelopeRecord> {
  const [newest] = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected')).items;
  if (!newest) throw new Error('no rejected request recorded');
  return newest;
}

describe('a refused request keeps its project and its size', () => {
  it('a plain body over the cap: 413 without "(after decompression)", project 2, the size it declared', async () => {
    const body = Buffer.concat([Buffer.from(envelope(newId(), 'over the cap')), Buffer.alloc(3 * CAP, 'x')]);
    const res = await post(`${lookout.url}/api/2/envelope/?sentry_key=k`, body);
    expect(res.status).toBe(413);
    expect(res.text).toContain(`larger than the limit of ${CAP} bytes`);
    expect(res.text).not.toContain('decompression');
    expect(await lastRejected()).toMatchObject({ status: 413, projectId: 2, size: body.length });
  });

  it('a gzip bomb: 413 after decompression, project 2, the gzip bytes it sent', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(envelope(newId(), 'bomb')), Buffer.alloc(20 * CAP)]));
    const res = await post(`${lookout.url}/api/2/envelope/`, bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.text).toContain('(after decompression)');
    expect(await lastRejected()).toMatchObject({ status: 413, projectId: 2, size: bomb.length });
  });

  it('a body that is no envelope: 400 for project 3, kept whole', async () => {
    const res = await post(`${lookout.url}/api/3/envelope/`, 'this is not an envelope');
    expect(res.status).toBe(400);
    expect(await lastRejected()).toMatchObject({ status: 400, projectId: 3, size: 'this is not an envelope'.length });
  });
});

describe('Content-Encoding: zstd', () => {
  const zstdCompress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
  it.runIf(!zstdCompress)('where this Node has no zstd: 415 naming the Node version that can, kept as sent', async () => {
    const body = envelope(newId(), 'zstd on an old node');
    const res = await post(`${lookout.url}/api/4/envelope/`, body, { 'content-encoding': 'zstd' });
    expect(res.status).toBe(415);
    expect(res.text).toContain('Node.js 22.15 or later');
    expect(res.text).toContain(process.versions.node);
    expect(await lastRejected()).toMatchObject({ status: 415, projectId: 4, size: body.length });
  });

  it.runIf(zstdCompress)('where this Node has zstd: accepted and stored, as Relay accepts it (skipped on Node before 22.15 / 23.8: node:zlib has no zstd there)', async () => {
    const id = newId();
    const res = await post(`${lookout.url}/api/4/envelope/`, zstdCompress!(Buffer.from(envelope(id, 'zstd body'))), { 'content-encoding': 'zstd' });
    expect(res.status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${id}`)).title).toBe('zstd body');
  });
});
