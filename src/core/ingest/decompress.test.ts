import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, SYNC_GUNZIP_MAX_OUT, decodeBuffer, decodeSmall, gunzipSmall, readBody } from './decompress';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const envelope = readFileSync(path.resolve(repoRoot, '../shared/corpus/protocol/spotlight/envelope_javascript.txt'));

const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);
const deflateRaw = promisify(zlib.deflateRaw);
const brotli = promisify(zlib.brotliCompress);
const MiB = 1024 * 1024;
const hasZstd = typeof (zlib as unknown as Record<string, unknown>)['createZstdDecompress'] === 'function';

/** A stream that hands out `body` in small pieces, like a chunked request. */
function chunked(body: Buffer, size = 1000): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) pieces.push(body.subarray(i, i + size));
  return Readable.from(pieces);
}

async function bodyError(promise: Promise<unknown>): Promise<BodyError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BodyError) return err;
    throw err;
  }
  throw new Error('expected a BodyError');
}

describe('decodeBuffer and readBody round trips on a real envelope', () => {
  const encoded: [string | undefined, () => Promise<Buffer>][] = [
    ['gzip', () => gzip(envelope)],
    ['x-gzip', () => gzip(envelope)],
    ['deflate', () => deflate(envelope)],
    ['deflate', () => deflateRaw(envelope)],
    ['br', () => brotli(envelope)],
    ['identity', async () => envelope],
    ['', async () => envelope],
    ['UTF-8', async () => envelope],
    [undefined, async () => envelope],
    ['gzip, br', async () => brotli(await gzip(envelope))],
    ['deflate,gzip', async () => gzip(await deflateRaw(envelope))],
  ];
  encoded.forEach(([encoding, encode], i) => {
    it(`#${i} ${JSON.stringify(encoding)}`, async () => {
      const body = await encode();
      expect((await decodeBuffer(body, encoding, 10 * MiB)).equals(envelope)).toBe(true);
      expect((await readBody(chunked(body), encoding, 10 * MiB)).equals(envelope)).toBe(true);
    });
  });

  it('ignores bytes after a complete deflate stream (found by fuzz.test.ts: this used to hang)', async () => {
    const withTrailer = Buffer.concat([await deflate(envelope), Buffer.alloc(5000, 7)]);
    expect((await readBody(chunked(withTrailer), 'deflate', 10 * MiB)).equals(envelope)).toBe(true);
    expect((await decodeBuffer(withTrailer, 'deflate', 10 * MiB)).equals(envelope)).toBe(true);
    // An empty raw deflate stream plus one stray byte, then gunzip gets nothing: a 400, not a hang.
    const err = await bodyError(decodeBuffer(Buffer.from([0x03, 0x00, 0x00]), 'gzip, deflate', 100));
    expect([err.status, err.message]).toEqual([400, 'gzip body is truncated or corrupt: unexpected end of file']);
  });

  it('returns an empty body as empty, whatever the encoding', async () => {
    expect((await readBody(Readable.from([]), 'gzip', 100)).length).toBe(0);
    expect((await decodeBuffer(Buffer.alloc(0), 'deflate', 100)).length).toBe(0);
  });
});

// One of the two runs on any Node: zstd is in node:zlib from Node 22.15 / 23.8 on, not in Node 20.
describe('zstd, as far as this Node has it', () => {
  it.runIf(hasZstd)('decodes zstd on a Node with it (skipped on Node before 22.15 / 23.8: node:zlib has no zstd there)', async () => {
    const compress = (zlib as unknown as Record<string, (b: Buffer) => Buffer>)['zstdCompressSync']!;
    const body = compress(envelope);
    expect((await decodeBuffer(body, 'zstd', 10 * MiB)).equals(envelope)).toBe(true);
    expect((await readBody(chunked(body), 'zstd', 10 * MiB)).equals(envelope)).toBe(true);
  });

  it.runIf(!hasZstd)('refuses zstd on a Node without it with 415, naming the Node version that has it', async () => {
    const err = await bodyError(decodeBuffer(envelope, 'zstd', 10 * MiB));
    expect(err.status).toBe(415);
    expect(err.message).toContain(`needs Node.js 22.15 or later to decode; this Lookout runs on Node.js ${process.versions.node}`);
    expect((await bodyError(readBody(chunked(envelope), 'zstd', 10 * MiB))).status).toBe(415);
  });
});

describe('bad encodings and corrupt data give 400', () => {
  it('rejects unknown encodings', async () => {
    const err = await bodyError(decodeBuffer(envelope, 'gzip, compress', 10 * MiB));
    expect([err.status, err.message]).toEqual([400, 'unsupported content-encoding compress']);
  });

  it('reports a truncated gzip body', async () => {
    const truncated = (await gzip(envelope)).subarray(0, 5000);
    for (const err of [
      await bodyError(decodeBuffer(truncated, 'gzip', 10 * MiB)),
      await bodyError(readBody(chunked(truncated), 'gzip', 10 * MiB)),
    ]) {
      expect(err.status).toBe(400);
      expect(err.message).toBe('gzip body is truncated or corrupt: unexpected end of file');
    }
  });

  it('reports corrupt gzip, deflate and brotli bodies', async () => {
    const corrupted = Buffer.from(await gzip(envelope));
    corrupted.fill(0x55, 100, 200);
    expect((await bodyError(decodeBuffer(corrupted, 'gzip', 10 * MiB))).message).toMatch(/^gzip body is truncated or corrupt: /);
    expect((await bodyError(decodeBuffer(envelope, 'deflate', 10 * MiB))).message).toMatch(/^deflate body is truncated or corrupt: /);
    expect((await bodyError(decodeBuffer(envelope, 'br', 10 * MiB))).message).toMatch(/^br body is truncated or corrupt: /);
  });

  it('reports a stream that fails or closes early, leaving it undestroyed', async () => {
    const failing = new PassThrough();
    const failed = bodyError(readBody(failing, undefined, 100));
    failing.write('abc');
    failing.emit('error', new Error('socket hang up'));
    expect((await failed).message).toBe('request body could not be read: socket hang up');

    const cut = new PassThrough();
    const closed = bodyError(readBody(cut, 'gzip', 100));
    cut.write(Buffer.from([0x1f, 0x8b]));
    cut.emit('close');
    expect((await closed).message).toBe('request body ended before it was complete');
  });
});

describe('size cap', () => {
  it('passes a body exactly at the cap and refuses one byte more (identity)', async () => {
    const cap = envelope.length;
    expect((await readBody(chunked(envelope), undefined, cap)).length).toBe(cap);
    expect((await decodeBuffer(envelope, undefined, cap)).length).toBe(cap);
    expect((await bodyError(readBody(chunked(envelope), undefined, cap - 1))).status).toBe(413);
    expect((await bodyError(decodeBuffer(envelope, undefined, cap - 1))).status).toBe(413);
  });

  it('caps the decompressed size, exactly at the cap passing', async () => {
    const body = await gzip(envelope);
    const cap = envelope.length;
    expect((await readBody(chunked(body), 'gzip', cap)).equals(envelope)).toBe(true);
    expect((await decodeBuffer(body, 'gzip', cap)).equals(envelope)).toBe(true);
    const over = await bodyError(readBody(chunked(body), 'gzip', cap - 1));
    expect([over.status, over.message]).toEqual([413, `request body is larger than the limit of ${cap - 1} bytes (after decompression)`]);
    expect((await bodyError(decodeBuffer(body, 'gzip', cap - 1))).status).toBe(413);
  });

  it('caps the raw size too', async () => {
    const body = await gzip(envelope);
    expect((await bodyError(readBody(chunked(body), 'gzip', body.length - 1))).status).toBe(413);
  });

  it('pauses the source on 413 instead of destroying it, so the server can still answer', async () => {
    const source = chunked(envelope);
    await bodyError(readBody(source, undefined, 10));
    expect(source.destroyed).toBe(false);
    expect(source.isPaused()).toBe(true);
  });

  it('cuts off a gzip bomb of 1 GiB of zeros at a 200 MiB cap without holding the output', async () => {
    const bomb = await gzipOfZeros(1024 * MiB);
    expect(bomb.length).toBeLessThan(2 * MiB);

    for (const decode of [
      () => readBody(chunked(bomb, 64 * 1024), 'gzip', 200 * MiB),
      () => decodeBuffer(bomb, 'gzip', 200 * MiB),
    ]) {
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
      const err = await bodyError(decode());
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      expect(err.status).toBe(413);
      console.log(`gzip bomb: RSS grew by at most ${Math.round((rssPeak - rssBefore) / MiB)} MiB`);
      expect(rssPeak - rssBefore).toBeLessThan(400 * MiB);
    }
  });
});

/** gzip of `size` zero bytes, compressed as it is generated so the zeros never sit in memory. */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MiB);
  let produced = 0;
  const source = new Readable({
    read() {
      if (produced >= size) return void this.push(null);
      produced += zeros.length;
      this.push(zeros);
    },
  });
  // Run-length strategy: same ~1000:1 ratio as the default on zeros, several times faster.
  const gzipper = zlib.createGzip({ level: 9, strategy: zlib.constants.Z_RLE });
  const chunks: Buffer[] = [];
  for await (const chunk of source.pipe(gzipper)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('gunzipSmall: one synchronous inflate for small bodies only', () => {
  // 2 MiB of JSON text that compresses ~100×, split over two gzip members: the trailer of the
  // last one declares only its own small part.
  const big = Buffer.from(`{"extra":{"blob":"${'lookout '.repeat(256 * 1024)}"}}`);
  const members = () => Buffer.concat([zlib.gzipSync(big.subarray(0, big.length - 10)), zlib.gzipSync(big.subarray(big.length - 10))]);

  it('inflates an SDK-sized body in place', () => {
    expect(gunzipSmall(zlib.gzipSync(envelope), 200 * MiB)?.equals(envelope)).toBe(true);
  });

  it('leaves a body whose trailer declares more than the limit to the stream', async () => {
    const body = zlib.gzipSync(big);
    expect(body.readUInt32LE(body.length - 4)).toBe(big.length);
    expect(gunzipSmall(body, 200 * MiB)).toBeNull();
    expect((await decodeBuffer(body, 'gzip', 200 * MiB)).equals(big)).toBe(true);
  });

  it('stops at the limit when the trailer understates the body (more members than the last declares)', async () => {
    const body = members();
    expect(body.readUInt32LE(body.length - 4)).toBe(10);
    expect(big.length).toBeGreaterThan(SYNC_GUNZIP_MAX_OUT);
    expect(gunzipSmall(body, 200 * MiB)).toBeNull();
    expect((await decodeBuffer(body, 'gzip', 200 * MiB)).equals(big)).toBe(true);
  });

  it('answers 413 itself when the cap is below the limit, and 400 for corrupt data', async () => {
    expect(() => gunzipSmall(zlib.gzipSync(envelope), envelope.length - 1)).toThrow(expect.objectContaining({
      status: 413, message: `request body is larger than the limit of ${envelope.length - 1} bytes (after decompression)` }));
    const damaged = zlib.gzipSync(envelope);
    damaged.writeUInt32LE(damaged.readUInt32LE(damaged.length - 8) ^ 1, damaged.length - 8); // the CRC
    expect(() => gunzipSmall(damaged, 200 * MiB)).toThrow(/gzip body is truncated or corrupt/);
    // A cut body's last bytes are no trailer: these say 2.6 GB, so the stream finds it cut.
    const cut = zlib.gzipSync(envelope).subarray(0, 100);
    expect(cut.readUInt32LE(cut.length - 4)).toBeGreaterThan(SYNC_GUNZIP_MAX_OUT);
    expect(gunzipSmall(cut, 200 * MiB)).toBeNull();
    expect((await bodyError(decodeBuffer(cut, 'gzip', 200 * MiB))).status).toBe(400);
    expect((await bodyError(decodeBuffer(members(), 'gzip', 1.5 * MiB))).status).toBe(413);
  });
});

describe('decodeSmall: what is decoded in one call and what waits for the stream', () => {
  const big = Buffer.from(`{"extra":{"blob":"${'lookout '.repeat(256 * 1024)}"}}`);

  it.each<[string, (b: Buffer) => Buffer]>([
    ['', (b) => b], ['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['deflate', zlib.deflateRawSync], ['br', zlib.brotliCompressSync],
  ])('decodes an SDK-sized %s body in one call', (encoding, encode) => {
    expect(decodeSmall(encode(envelope), encoding, 200 * MiB)?.equals(envelope)).toBe(true);
  });

  it.each<[string, (b: Buffer) => Buffer]>([
    ['', (b) => b], ['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['br', zlib.brotliCompressSync],
  ])('leaves a %s body past a megabyte to the stream, which reads it whole', async (encoding, encode) => {
    const body = encode(big);
    expect(decodeSmall(body, encoding, 200 * MiB)).toBeNull();
    expect((await decodeBuffer(body, encoding, 200 * MiB)).equals(big)).toBe(true);
  });

  it('leaves two codings, and deflate or br data it cannot judge, to the stream', async () => {
    expect(decodeSmall(zlib.gzipSync(zlib.deflateSync(envelope)), 'deflate, gzip', 200 * MiB)).toBeNull();
    const cutBr = zlib.brotliCompressSync(envelope).subarray(0, 40);
    expect(decodeSmall(cutBr, 'br', 200 * MiB)).toBeNull();
    expect((await bodyError(decodeBuffer(cutBr, 'br', 200 * MiB))).status).toBe(400);
  });

  it('answers 400 for an unknown encoding and 413 past a cap below a megabyte', () => {
    expect(() => decodeSmall(envelope, 'compress', 200 * MiB)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => decodeSmall(envelope, undefined, envelope.length - 1)).toThrow(expect.objectContaining({ status: 413 }));
    expect(() => decodeSmall(zlib.brotliCompressSync(envelope), 'br', envelope.length - 1)).toThrow(expect.objectContaining({ status: 413 }));
  });
});
