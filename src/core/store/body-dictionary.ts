/**
 * Preset dictionaries for stored request bodies, one per (project, key) — the key is chosen by
 * the writer's caller, e.g. an error's primary grouping hash, so repeats of one error share it.
 * Plain dictionary bytes are kept in a byte-bounded cache per open store; the table is the truth,
 * and every use checks the row's CRC, so a rolled-back or deleted dictionary is never used.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
import { crc32 } from 'node:zlib';
import { decodePayload, encodePayload } from './codec';
import { DictionaryCache, type CachedDictionary } from './body-dictionary-cache';
import type { DB } from './db';
import { cacheVersion } from './cache-versions';

/** Plain dictionary bytes kept in memory per open store (~2,000 dictionaries of an 8 KB error). */
export const DICTIONARY_CACHE_BYTES = 16 * 1024 * 1024;

/** (project, key) pairs whose dictionary id is remembered; past this the memory starts over. */
const MAX_REMEMBERED_KEYS = 100_000;

/** A body that needs a dictionary which is missing or does not decode to what its row records. */
export class StoredBodyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoredBodyError';
  }
}

export interface BodyDictionaries {
  /** The dictionary of (project, key) (its id remembered after the first read); throws StoredBodyError when unreadable. */
  forKey(projectId: number, key: string): { id: number; bytes: Buffer; crc: number } | null;
  /** Stores `plain` (compressed like any body) as the dictionary of (project, key); returns its id. */
  create(projectId: number, key: string, plain: Buffer, created: number): number;
  /** Plain bytes of dictionary `id`; throws StoredBodyError when it is missing or unreadable. */
  bytes(id: number): Buffer;
  /** Drops deleted dictionaries from memory (their bytes and the keys they served). */
  forget(ids: readonly number[]): void;
  readonly cache: DictionaryCache;
}

const perStore = new WeakMap<DB, BodyDictionaries>();

/** The dictionaries of one open store (one instance per connection). */
export function bodyDictionaries(db: DB): BodyDictionaries {
  let found = perStore.get(db);
  if (!found) {
    found = openDictionaries(db);
    perStore.set(db, found);
  }
  return found;
}

interface DictionaryRow { data: Buffer; codec: string; crc: number }

function openDictionaries(db: DB): BodyDictionaries {
  const cache = new DictionaryCache(DICTIONARY_CACHE_BYTES);
  const byKey = db.prepare('SELECT id, crc FROM body_dictionaries WHERE project_id = ? AND key = ?');
  // Each (project, key)'s row as this connection last read or wrote it: the SELECT was one of every
  // stored error's statements. Rows leave the table only through `forget`'s callers
  // (body-dictionary-prune.ts) and a rolled-back transaction; both also move the 'ids' cache version
  // (deleteEnvelopes and delete-all keep ids taken; the writer bumps every version on a rollback),
  // so an id remembered across either is never used: a body stored against a missing dictionary
  // could not be read again.
  const idsByKey = new Map<string, { id: number; crc: number }>();
  let idsAt = cacheVersion(db, 'ids');
  const rememberedIds = () => {
    const version = cacheVersion(db, 'ids');
    if (version !== idsAt || idsByKey.size >= MAX_REMEMBERED_KEYS) {
      idsByKey.clear();
      idsAt = version;
    }
    return idsByKey;
  };
  const crcOf = db.prepare('SELECT crc FROM body_dictionaries WHERE id = ?').pluck();
  const row = db.prepare('SELECT data, codec, crc FROM body_dictionaries WHERE id = ?');
  const insert = db.prepare(`INSERT INTO body_dictionaries (project_id, key, data, codec, size, crc, created)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);

  function load(id: number): CachedDictionary {
    const stored = row.get(id) as DictionaryRow | undefined;
    if (!stored) throw new StoredBodyError(`body dictionary ${id} is missing from the store`);
    let bytes: Buffer;
    try {
      bytes = decodePayload(stored.data, stored.codec);
    } catch (err) {
      throw new StoredBodyError(`body dictionary ${id} does not decompress (${(err as Error).message})`, { cause: err });
    }
    if (crc32(bytes) !== stored.crc) throw new StoredBodyError(`body dictionary ${id} is corrupt (CRC mismatch)`);
    const entry = { bytes, crc: stored.crc };
    cache.set(id, entry);
    return entry;
  }

  function current(id: number, crc: number): Buffer {
    const hit = cache.get(id);
    return hit && hit.crc === crc ? hit.bytes : load(id).bytes;
  }

  return {
    cache,
    forKey(projectId, key) {
      const remembered = rememberedIds();
      const name = `${projectId}\n${key}`;
      const known = remembered.get(name);
      if (known) {
        try {
          return { id: known.id, bytes: current(known.id, known.crc), crc: known.crc };
        } catch (err) {
          // Not what the table holds any more: read the key's row again.
          if (!(err instanceof StoredBodyError)) throw err;
          remembered.delete(name);
        }
      }
      const found = byKey.get(projectId, key) as { id: number; crc: number } | undefined;
      if (!found) return null;
      const bytes = current(found.id, found.crc);
      remembered.set(name, { id: found.id, crc: found.crc });
      return { id: found.id, bytes, crc: found.crc };
    },
    create(projectId, key, plain, created) {
      // A copy: the request buffer may be a view into a larger one the cache should not pin.
      const bytes = Buffer.from(plain);
      const crc = crc32(bytes);
      const packed = encodePayload(plain);
      const id = Number(insert.run(projectId, key, packed.data, packed.codec, bytes.length, crc, created).lastInsertRowid);
      cache.set(id, { bytes, crc });
      rememberedIds().set(`${projectId}\n${key}`, { id, crc });
      return id;
    },
    bytes(id) {
      const crc = crcOf.get(id) as number | undefined;
      if (crc === undefined) throw new StoredBodyError(`body dictionary ${id} is missing from the store`);
      return current(id, crc);
    },
    forget(ids) {
      for (const id of ids) cache.delete(id);
      if (ids.length === 0) return;
      const gone = new Set(ids);
      for (const [name, { id }] of idsByKey) if (gone.has(id)) idsByKey.delete(name);
    },
  };
}

/**
 * Decompresses a stored body or payload (`envelopes.body` with `body_codec`, or a payload and its
 * codec), fetching the dictionary a body needs. Throws StoredBodyError, naming the dictionary if
 * there is one, when those bytes cannot be read.
 */
export function decodeBody(db: DB, data: Buffer | null, codec: string | null): Buffer {
  try {
    return decodePayload(data, codec, (id) => bodyDictionaries(db).bytes(id));
  } catch (err) {
    if (err instanceof StoredBodyError) throw err;
    throw new StoredBodyError(`stored body (${String(codec).slice(0, 40)}) does not decompress: ${(err as Error).message}`, { cause: err });
  }
}
