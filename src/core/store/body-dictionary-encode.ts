import { deflateWithDictionary, dictCodec, encodePayload, keptGzipSize, type StoredCodec } from './codec';
import { bodyDictionaries, StoredBodyError } from './body-dictionary';
import type { DB } from './db';
import type { DeflatedBody, PackedBody } from '../pipeline/types';

export interface EncodedBody { data: Buffer; codec: StoredCodec; dictId: number | null }

/** A dictionary in use, for the prepare worker to deflate later bodies of its key itself. */
export interface DictionaryHint { projectId: number; key: string; id: number; crc: number; bytes: Buffer }

/** Smaller bodies gain too little from a dictionary to be worth a table row. */
export const MIN_DICTIONARY_BODY = 512;
/**
 * zlib reaches back 32 KiB less its 262-byte lookahead; in a larger body the same spot of the
 * dictionary lies out of reach, so it gains nothing (measured: 50 KB errors got no smaller).
 */
export const MAX_DICTIONARY_BODY = 32_768 - 262;
/** Grouping hashes and item types are far shorter; a longer key is not one of ours. */
const MAX_KEY = 200;
/**
 * Brotli q1 measured ~3.6:1 on SDK JSON; a dictionary result past 8:1 is taken without
 * compressing the body a second time to compare.
 */
const CLEAR_WIN = 8;

const EMPTY = Buffer.alloc(0);

/**
 * Encodes request bodies for `envelopes.body`. With a key, the first body of (project, key)
 * becomes that key's dictionary and is stored only there (an empty body under `dict:<id>`);
 * later bodies are deflated against it when that is smaller than storing them alone.
 */
export function bodyEncoder(db: DB, opts: { onDictionary?: (hint: DictionaryHint) => void } = {}) {
  const dictionaries = bodyDictionaries(db);
  // `packed`: the body as the worker already compressed it alone (large bodies; see PackedBody).
  const alone = (body: Buffer, packed: PackedBody | null): EncodedBody =>
    (packed ? { data: packed.data ?? body, codec: packed.codec, dictId: null } : { ...encodePayload(body), dictId: null });

  return (body: Buffer, projectId: number | null, key: string | null, now: number, ready: DeflatedBody | null = null,
    packed: PackedBody | null = null): EncodedBody => {
    if (projectId === null || !key || key.length > MAX_KEY) return alone(body, packed);
    if (body.length < MIN_DICTIONARY_BODY || body.length > MAX_DICTIONARY_BODY) return alone(body, packed);
    let found: { id: number; bytes: Buffer; crc: number } | null;
    try {
      found = dictionaries.forKey(projectId, key);
    } catch (err) {
      // A damaged dictionary must not stop ingest; this body is stored without one.
      if (err instanceof StoredBodyError) return alone(body, packed);
      throw err;
    }
    if (!found) {
      const id = dictionaries.create(projectId, key, body, now);
      return { data: EMPTY, codec: dictCodec(id), dictId: id };
    }
    // Deflated on the worker against this very dictionary (same id and CRC): no second pass here.
    const current = ready !== null && ready.dictId === found.id && ready.crc === found.crc;
    if (!current) opts.onDictionary?.({ projectId, key, ...found });
    const deflated = current ? ready.data : deflateWithDictionary(body, found.bytes);
    const withDict: EncodedBody = { data: deflated, codec: dictCodec(found.id), dictId: found.id };
    if (keptGzipSize(body) === null && deflated.length * CLEAR_WIN <= body.length) return withDict;
    const other = alone(body, packed);
    return deflated.length < other.data.length ? withDict : other;
  };
}
