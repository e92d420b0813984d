import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';

export type Codec = 'raw' | 'br' | 'gzip';
/** A request body deflated against stored dictionary `id` (see body-dictionary.ts). */
export type DictCodec = `dict:${number}`;
/** Every value `envelopes.body_codec` and the payload codec columns can hold. */
export type StoredCodec = Codec | DictCodec;

/** Returns the bytes of stored dictionary `id`, or throws when it cannot be read. */
export type DictionaryLookup = (id: number) => Buffer;

const BROTLI_FAST = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/**
 * Against a dictionary the cost is the dictionary's hashing, not the level: levels 1–3 measured
 * the same (~30 µs per 8 KB body), level 3 gives 100 B where level 1 gives 153 B, and level 6
 * (82 B) costs 60 % more time.
 */
const DICTIONARY_LEVEL = 3;

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

/** Size of the client's gzip bytes that {@link encodePayload} would keep for `plain`, if any. */
export function keptGzipSize(plain: Buffer): number | null {
  return sentGzipped.get(plain)?.length ?? null;
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

/**
 * Raw deflate of `data` with `dictionary` preset (zlib's FDICT mechanism). Only the last 32 KiB
 * of a dictionary are reachable, so callers keep dictionaries within that.
 * @see https://www.rfc-editor.org/rfc/rfc1950#section-2.2
 */
export function deflateWithDictionary(data: Buffer, dictionary: Buffer): Buffer {
  return deflateRawSync(data, { level: DICTIONARY_LEVEL, dictionary });
}

export function dictCodec(id: number): DictCodec {
  return `dict:${id}`;
}

/** The dictionary id named by a `dict:<id>` codec, else null. */
export function dictionaryIdOf(codec: string | null): number | null {
  const m = codec ? /^dict:(\d{1,15})$/.exec(codec) : null;
  return m ? Number(m[1]) : null;
}

/**
 * Decompresses a stored payload or request body. A `dict:<id>` body needs `dictionary` to
 * fetch that dictionary; an empty body under it stands for the dictionary itself (the body the
 * dictionary was made from is stored only once). Throws on bytes that do not decode.
 */
export function decodePayload(data: Buffer | null, codec: string | null, dictionary?: DictionaryLookup): Buffer {
  if (codec?.startsWith('dict:')) {
    const dictId = dictionaryIdOf(codec);
    if (dictId === null) throw new Error(`unknown body codec ${codec.slice(0, 40)}`);
    if (!dictionary) throw new Error(`this body is stored against dictionary ${dictId}; read it with decodeBody(db, …)`);
    const dict = dictionary(dictId);
    if (!data || data.length === 0) return Buffer.from(dict);
    return inflateRawSync(data, { dictionary: dict });
  }
  if (!data) return Buffer.alloc(0);
  if (codec === 'br') return brotliDecompressSync(data);
  return codec === 'gzip' ? gunzipSync(data) : data;
}
