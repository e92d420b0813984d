/**
 * Reads request bodies with their Content-Encoding undone, capped in size before and after
 * decompression so a compression bomb is cut off instead of filling memory.
 * @see https://develop.sentry.dev/sdk/overview/#request-compression
 */
import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { hasZlibHeader, ZlibOrRawInflate } from './deflate-either';

/**
 * A body that cannot be accepted: 400 (bad data), 413 (over the size cap) or 415 (a coding this
 * runtime cannot undo).
 */
export class BodyError extends Error {
  override name = 'BodyError';
  /** The bytes as they came, when they were read whole before decoding failed (kept with the rejection). */
  raw: Buffer | null = null;
  /** How many bytes of the body were read before it was refused (kept as the rejected request's size). */
  receivedBytes: number | null = null;

  constructor(message: string, readonly status: 400 | 413 | 415) { super(message); }
}

type Coding = 'gzip' | 'deflate' | 'br' | 'zstd';

/**
 * Reads `source` to the end and returns its bytes with `contentEncoding` undone.
 * Throws {@link BodyError} 413 as soon as the raw or decoded size passes `maxBytes`, and 400 for
 * an unsupported encoding or corrupt data. On failure `source` is paused and left unconsumed:
 * answer the request and close the connection. Call it before anything else reads `source`.
 * @see https://develop.sentry.dev/sdk/overview/#request-compression
 */
export async function readBody(
  source: NodeJS.ReadableStream,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const codings = parseContentEncoding(contentEncoding);
  return new Promise<Buffer>((resolve, reject) => {
    const collected: Buffer[] = [];
    let rawBytes = 0;
    let decoder: Decoder | undefined;
    let ended = false;
    let settled = false;

    const detach = (): void => {
      source.removeListener('data', onData);
      source.removeListener('end', onEnd);
      source.removeListener('error', onError);
      source.removeListener('close', onClose);
    };
    const finish = (err: BodyError | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      detach();
      if (err) {
        err.receivedBytes ??= rawBytes;
        source.pause();
        decoder?.abort();
        reject(err);
      } else {
        resolve(body ?? Buffer.alloc(0));
      }
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (settled || buf.length === 0) return;
      rawBytes += buf.length;
      if (rawBytes > maxBytes) return finish(tooLarge(maxBytes, false));
      if (codings.length === 0) {
        collected.push(buf);
        return;
      }
      decoder ??= startDecoder(codings, maxBytes, finish);
      if (!decoder.input.write(buf)) {
        source.pause();
        decoder.input.once('drain', () => {
          if (!settled) source.resume();
        });
      }
    };
    const onEnd = (): void => {
      ended = true;
      if (decoder) decoder.input.end();
      else finish(undefined, collected.length === 1 ? collected[0] : Buffer.concat(collected, rawBytes));
    };
    const onError = (err: Error): void => finish(new BodyError(`request body could not be read: ${err.message}`, 400));
    const onClose = (): void => {
      if (!ended) finish(new BodyError('request body ended before it was complete', 400));
    };

    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
    source.on('close', onClose);
    source.resume();
  });
}

/**
 * Undoes `contentEncoding` on an in-memory body, with the same caps and errors as {@link readBody}.
 * @see https://develop.sentry.dev/sdk/overview/#request-compression
 */
export async function decodeBuffer(buf: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = parseContentEncoding(contentEncoding);
  if (buf.length > maxBytes) throw tooLarge(maxBytes, false);
  if (codings.length === 0 || buf.length === 0) return buf;
  return new Promise<Buffer>((resolve, reject) => {
    const decoder = startDecoder(codings, maxBytes, (err, body) => (err ? reject(err) : resolve(body ?? Buffer.alloc(0))));
    decoder.input.end(buf);
  });
}

/**
 * Inflated size past which a gzip body is not inflated in one synchronous call: that call holds
 * the event loop (every other request, the app's read API) and allocates its whole output at
 * once. Deflate expands up to ~1032×, so 256 KiB of gzip could otherwise stand for a 200 MB body.
 */
export const SYNC_GUNZIP_MAX_OUT = 1024 * 1024;

/** Whether {@link gunzipSmall} leaves `raw` to the streaming decoder by its trailer's ISIZE (size mod 2^32, last 4 bytes). */
export const gzipDeclaresLarge = (raw: Buffer, maxBytes: number): boolean =>
  raw.length >= 18 && raw.readUInt32LE(raw.length - 4) > SYNC_GUNZIP_MAX_OUT && maxBytes > SYNC_GUNZIP_MAX_OUT;

/**
 * Inflates a small gzip body in one call, or returns null for one that inflates past
 * {@link SYNC_GUNZIP_MAX_OUT} (then stream it through {@link decodeBuffer}). The size the gzip
 * trailer declares sends an honest large body there without inflating any of it; a body whose
 * trailer lies, or with more members than the last declares, is cut off at the limit instead.
 * Throws {@link BodyError} 413 past `maxBytes` and 400 for corrupt data.
 * @see https://www.rfc-editor.org/rfc/rfc1952#section-2.3.1
 */
export function gunzipSmall(raw: Buffer, maxBytes: number): Buffer | null {
  if (gzipDeclaresLarge(raw, maxBytes)) return null;
  try {
    return zlib.gunzipSync(raw, { maxOutputLength: Math.min(maxBytes, SYNC_GUNZIP_MAX_OUT) });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') {
      throw corrupt('gzip', err as Error);
    }
    if (maxBytes > SYNC_GUNZIP_MAX_OUT) return null;
    throw tooLarge(maxBytes, true);
  }
}

/**
 * Undoes `contentEncoding` on a small body in one synchronous call, or returns null for a body
 * that is large (past {@link SYNC_GUNZIP_MAX_OUT}, plain or decoded) or that only the streaming
 * decoder reads ({@link decodeBuffer}: several codings, zstd, or deflate / br data it alone can
 * judge, such as trailing bytes). Throws {@link BodyError} 400 for an unsupported encoding or
 * corrupt gzip, and 413 past `maxBytes`.
 * @see https://develop.sentry.dev/sdk/overview/#request-compression
 */
export function decodeSmall(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer | null {
  const codings = parseContentEncoding(contentEncoding);
  if (raw.length > maxBytes) throw tooLarge(maxBytes, false);
  if (codings.length === 0 || raw.length === 0) return raw.length <= SYNC_GUNZIP_MAX_OUT ? raw : null;
  if (codings.length > 1) return null;
  if (codings[0] === 'gzip') return gunzipSmall(raw, maxBytes);
  if (codings[0] !== 'deflate' && codings[0] !== 'br') return null;
  const options = { maxOutputLength: Math.min(maxBytes, SYNC_GUNZIP_MAX_OUT) };
  try {
    if (codings[0] === 'br') return zlib.brotliDecompressSync(raw, options);
    return hasZlibHeader(raw) ? zlib.inflateSync(raw, options) : zlib.inflateRawSync(raw, options);
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' && maxBytes <= SYNC_GUNZIP_MAX_OUT) throw tooLarge(maxBytes, true);
    return null;
  }
}

/** Codings in the order they must be undone (the header lists them in the order applied). */
function parseContentEncoding(header: string | undefined): Coding[] {
  if (!header) return [];
  const codings: Coding[] = [];
  for (const part of header.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '' || name === 'identity' || name === 'utf-8') continue;
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate' || name === 'br') codings.push(name);
    else if (name === 'zstd') codings.push(zstdOrRefuse());
    else throw new BodyError(`unsupported content-encoding ${name.slice(0, 40)}`, 400);
  }
  return codings.reverse();
}

interface Decoder {
  input: Transform;
  abort(): void;
}

type Settle = (err: BodyError | undefined, body?: Buffer) => void;

/** Chains one decompressor per coding and collects the output, failing once it passes `maxBytes`. */
function startDecoder(codings: Coding[], maxBytes: number, settle: Settle): Decoder {
  const stages = codings.map(createStage);
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const abort = (): void => stages.forEach((stage) => stage.destroy());
  const fail = (err: BodyError): void => {
    if (done) return;
    done = true;
    abort();
    settle(err);
  };

  stages.forEach((stage, i) => {
    stage.on('error', (err: Error) => fail(corrupt(codings[i] ?? 'gzip', err)));
    const next = stages[i + 1];
    if (next) stage.pipe(next);
  });
  const last = stages[stages.length - 1] as Transform;
  last.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > maxBytes) fail(tooLarge(maxBytes, true));
    else chunks.push(chunk);
  });
  last.on('end', () => {
    if (done) return;
    done = true;
    settle(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  });
  return { input: stages[0] as Transform, abort };
}

function createStage(coding: Coding): Transform {
  switch (coding) {
    case 'gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new ZlibOrRawInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      return (zstdFactory() as () => Transform)();
  }
}

/**
 * `zstd`, which Relay accepts, where this runtime's zlib can undo it; else a 415 naming the Node
 * version that can, as the coding is valid and only this runtime lacks it.
 * @see https://nodejs.org/api/zlib.html#zlibcreatezstddecompressoptions
 */
function zstdOrRefuse(): Coding {
  if (zstdFactory()) return 'zstd';
  throw new BodyError(`content-encoding zstd needs Node.js 22.15 or later to decode; this Lookout runs on Node.js ${process.versions.node}. `
    + 'Send gzip, deflate or br, or run Lookout on a newer Node.js', 415);
}

/** zlib's zstd decompressor where this Node has one (added in Node 22.15 / 23.8). */
function zstdFactory(): (() => Transform) | undefined {
  const factory: unknown = (zlib as unknown as Record<string, unknown>)['createZstdDecompress'];
  return typeof factory === 'function' ? (factory as () => Transform) : undefined;
}

function tooLarge(maxBytes: number, decoded: boolean): BodyError {
  return new BodyError(`request body is larger than the limit of ${maxBytes} bytes${decoded ? ' (after decompression)' : ''}`, 413);
}

function corrupt(coding: Coding, err: Error): BodyError {
  return new BodyError(`${coding} body is truncated or corrupt: ${err.message}`, 400);
}
