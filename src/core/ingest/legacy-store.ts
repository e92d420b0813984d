/**
 * Bodies of the legacy `/api/{project}/store/` endpoint: one event as JSON, or, from old raven
 * clients (`sentry_version=5`), the same JSON zlib-deflated and base64-encoded.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import { parseJsonLenient } from './lenient-json';

/** Inflated store bodies larger than this are refused (same as the envelope cap). */
export const MAX_INFLATED_STORE_BODY = 200 * 1024 * 1024;

const NOT_BASE64 = /[^A-Za-z0-9+/=_\-\s]/;

/**
 * The event in a store body: plain JSON (Python `NaN`/`Infinity` allowed), base64 of zlib- or
 * gzip-compressed JSON, or raw zlib/gzip bytes. Throws an Error saying which of these failed.
 * The body must already be size-capped; the inflated size is capped at {@link MAX_INFLATED_STORE_BODY}.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
export function decodeStoreBody(body: Buffer): unknown {
  const first = firstNonSpaceByte(body);
  if (first === undefined) throw new Error('store body is empty');
  if (first === 0x7b /* { */) return parseJson(body, 'store body');
  if (isCompressed(body)) return parseJson(inflate(body), 'decompressed store body');

  const text = body.toString('latin1');
  if (NOT_BASE64.test(text)) {
    throw new Error('store body is neither JSON nor base64 of compressed JSON');
  }
  const decoded = Buffer.from(text, 'base64');
  if (isCompressed(decoded)) return parseJson(inflate(decoded), 'decompressed store body');
  if (firstNonSpaceByte(decoded) === 0x7b) return parseJson(decoded, 'base64-decoded store body');
  throw new Error('store body is base64 but holds neither zlib-compressed nor plain JSON');
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return parseJsonLenient(bytes.toString('utf8'));
  } catch (err) {
    throw new Error(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function inflate(bytes: Buffer): Buffer {
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    const options = { maxOutputLength: MAX_INFLATED_STORE_BODY };
    return isGzip ? gunzipSync(bytes, options) : inflateSync(bytes, options);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new Error(`store body inflates to more than ${MAX_INFLATED_STORE_BODY} bytes`);
    }
    throw new Error(`store body is not valid ${isGzip ? 'gzip' : 'zlib'} data: ${(err as Error).message}`);
  }
}

/** zlib (RFC 1950) header with a valid check value, or the gzip magic number. */
function isCompressed(bytes: Buffer): boolean {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === undefined || b1 === undefined) return false;
  if (b0 === 0x1f && b1 === 0x8b) return true;
  return (b0 & 0x0f) === 8 && b0 >> 4 <= 7 && ((b0 << 8) | b1) % 31 === 0;
}

function firstNonSpaceByte(bytes: Buffer): number | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}
