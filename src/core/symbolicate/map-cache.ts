import { stat } from 'node:fs/promises';
import { checkAllowed, MAX_MAP_BYTES, readAllowedText, type ReadScope } from './safe-read';
import { isRecord } from './frames';
import { buildMapIndex, type MapIndex } from './map-engine';

/** Parsed maps are large (a 5 MB map takes ~40 MB parsed); a handful covers one app's bundles. */
const MAX_CACHED_MAPS = 16;
/** Budget for the JSON size of all cached maps together. */
const MAX_CACHED_MAP_BYTES = 160 * 1024 * 1024;

export interface ParsedMap {
  index: MapIndex;
  /** Normalised debug id from the map's `debugId` (or older `debug_id`) key. */
  debugId: string | null;
}

interface Entry {
  stamp: string;
  bytes: number;
  parsed: ParsedMap;
  users: number;
  evicted: boolean;
}

/** Counts real parses (cache misses), so tests and benchmarks can see the cache working. */
export const mapCacheStats = { parses: 0, hits: 0 };

const cache = new Map<string, Entry>();
let cachedBytes = 0;
const inflight = new Map<string, Promise<Entry | { error: string }>>();

/**
 * The maps one symbolication run uses. Wasm-backed maps must be freed explicitly, so an
 * evicted map is only disposed once no run holds it.
 */
export class MapLease {
  private readonly held = new Set<Entry>();

  hold(entry: Entry): ParsedMap {
    if (!this.held.has(entry)) {
      this.held.add(entry);
      entry.users++;
    }
    return entry.parsed;
  }

  releaseAll(): void {
    for (const entry of this.held) {
      entry.users--;
      if (entry.evicted && entry.users === 0) entry.parsed.index.dispose();
    }
    this.held.clear();
  }
}

/** Lower-case hex without dashes, or null when it isn't a UUID-shaped debug id. */
export function normalizeDebugId(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 80) return null;
  const hex = v.toLowerCase().replace(/-/g, '');
  return /^[0-9a-f]{32}/.test(hex) ? hex.slice(0, 32) : null;
}

function isMapShape(v: unknown, depth = 0): v is Record<string, unknown> {
  if (!isRecord(v) || v.version !== 3 || depth > 8) return false;
  if (Array.isArray(v.sections)) {
    return v.sections.every((s) => isRecord(s) && isRecord(s.offset) && isMapShape(s.map, depth + 1));
  }
  return typeof v.mappings === 'string' && Array.isArray(v.sources);
}

/**
 * Parses source map JSON (plain, or an index map with `sections`). `mapPath` is where the map
 * lives; relative `sources` and `sourceRoot` resolve against it.
 * @see https://tc39.es/ecma426/
 */
export async function parseSourceMap(text: string, mapPath: string): Promise<ParsedMap | { error: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text);
  } catch {
    return { error: 'source map is not valid JSON' };
  }
  if (!isMapShape(json)) return { error: 'not a version 3 source map' };
  try {
    mapCacheStats.parses++;
    return { index: await buildMapIndex(json, mapPath), debugId: normalizeDebugId(json.debugId ?? json.debug_id) };
  } catch (err) {
    return { error: `source map could not be parsed (${err instanceof Error ? err.message : String(err)})` };
  }
}

function evict(key: string): void {
  const old = cache.get(key);
  if (!old) return;
  cache.delete(key);
  cachedBytes -= old.bytes;
  old.evicted = true;
  if (old.users === 0) old.parsed.index.dispose();
}

function remember(key: string, entry: Entry): void {
  evict(key);
  cache.set(key, entry);
  cachedBytes += entry.bytes;
  while (cache.size > MAX_CACHED_MAPS || (cachedBytes > MAX_CACHED_MAP_BYTES && cache.size > 1)) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    evict(oldest);
  }
}

/** Returns the cached map for `key` if its stamp still matches, else parses `load()`'s text once. */
async function cached(key: string, stamp: string, mapPath: string, load: () => Promise<{ text: string; stamp: string } | { error: string }>, lease: MapLease): Promise<ParsedMap | { error: string }> {
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) {
    mapCacheStats.hits++;
    cache.delete(key); // refresh LRU position
    cache.set(key, hit);
    return lease.hold(hit);
  }
  const flightKey = `${key}\n${stamp}`;
  let pending = inflight.get(flightKey);
  if (!pending) {
    pending = (async () => {
      const loaded = await load();
      if ('error' in loaded) return loaded;
      const parsed = await parseSourceMap(loaded.text, mapPath);
      if ('error' in parsed) return parsed;
      const entry: Entry = { stamp: loaded.stamp, bytes: loaded.text.length, parsed, users: 0, evicted: false };
      remember(key, entry);
      return entry;
    })().finally(() => inflight.delete(flightKey));
    inflight.set(flightKey, pending);
  }
  const result = await pending;
  return 'error' in result ? result : lease.hold(result);
}

/** Loads a `.map` file the scope allows, parsing it only when its mtime or size changed. */
export async function loadMapFile(file: string, scope: ReadScope, lease: MapLease): Promise<ParsedMap | { error: string }> {
  const allowed = await checkAllowed(file, scope);
  if (!allowed.ok) return { error: allowed.reason };
  let stamp: string;
  try {
    const s = await stat(allowed.realPath);
    stamp = `${s.mtimeMs}:${s.size}`;
  } catch {
    return { error: `source map not found: ${file}` };
  }
  const result = await cached(allowed.realPath, stamp, allowed.path, async () => {
    const read = await readAllowedText(allowed.path, scope, MAX_MAP_BYTES);
    return read.ok ? { text: read.text, stamp: `${read.mtimeMs}:${read.size}` } : { error: read.reason };
  }, lease);
  return 'error' in result ? { error: `${result.error}: ${allowed.path}` } : result;
}

/** Parses an inline (data: URL) map, cached under its generated file's path and stamp. */
export async function inlineMap(generatedPath: string, generatedStamp: string, text: string, lease: MapLease): Promise<ParsedMap | { error: string }> {
  return cached(`inline:${generatedPath}`, generatedStamp, generatedPath, async () => ({ text, stamp: generatedStamp }), lease);
}

/** Parses a map fetched from `url` (sources resolve against it), cached under the body's stamp. */
export async function remoteMap(url: string, stamp: string, text: string, lease: MapLease): Promise<ParsedMap | { error: string }> {
  return cached(`url:${url}`, stamp, url, async () => ({ text, stamp }), lease);
}

/** Drops every cached map (tests, and when the user changes source roots). */
export function clearMapCache(): void {
  for (const key of [...cache.keys()]) evict(key);
}
