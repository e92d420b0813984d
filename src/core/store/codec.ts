import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

export type Codec = 'raw' | 'br' | 'gzip';

const BROTLI_FAST = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/** Below this size compression cannot win back its own framing. */
const MIN_COMPRESS = 64;

/** Request bodies that arrived gzipped, by their inflated buffer: see {@link rememberGzip}. */
const sentGzipped = new WeakMap<Buffer, Buffer>();

/**
 * Notes that `gzipped`, as the client sent it, inflates to exactly `plain`. Storing `plain` then
 * keeps the client's bytes (when they compress well) instead of compressing the body again.
 */
export function rememberGzip(plain: Buffer, gzipped: Buffer): void {
  if (gzipped.length * 2 <= plain.length) sentGzipped.set(plain, gzipped);
}

/**
 * Compresses a stored payload. Brotli at quality 1 measured faster and smaller than deflate
 * level 1 on SDK JSON; payloads here are already bounded by the request cap. A request body
 * registered with {@link rememberGzip} is stored as the client's gzip bytes (codec `gzip`).
 */
export function encodePayload(data: Buffer): { data: Buffer; codec: Codec } {
  const gzipped = sentGzipped.get(data);
  if (gzipped) return { data: gzipped, codec: 'gzip' };
  if (data.length < MIN_COMPRESS) return { data, codec: 'raw' };
  const packed = brotliCompressSync(data, BROTLI_FAST);
  return packed.length < data.length ? { data: packed, codec: 'br' } : { data, codec: 'raw' };
}

export function decodePayload(data: Buffer | null, codec: string | null): Buffer {
  if (!data) return Buffer.alloc(0);
  if (codec === 'br') return brotliDecompressSync(data);
  return codec === 'gzip' ? gunzipSync(data) : data;
}
