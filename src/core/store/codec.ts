import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export type Codec = 'raw' | 'br';

const BROTLI_FAST = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/** Below this size compression cannot win back its own framing. */
const MIN_COMPRESS = 64;

/**
 * Compresses a stored payload. Brotli at quality 1 measured faster and smaller than deflate
 * level 1 on SDK JSON; payloads here are already bounded by the request cap.
 */
export function encodePayload(data: Buffer): { data: Buffer; codec: Codec } {
  if (data.length < MIN_COMPRESS) return { data, codec: 'raw' };
  const packed = brotliCompressSync(data, BROTLI_FAST);
  return packed.length < data.length ? { data: packed, codec: 'br' } : { data, codec: 'raw' };
}

export function decodePayload(data: Buffer | null, codec: string | null): Buffer {
  if (!data) return Buffer.alloc(0);
  return codec === 'br' ? brotliDecompressSync(data) : data;
}
