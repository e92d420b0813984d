import { pathToFileURL } from 'node:url';
import { FlattenMap, LEAST_UPPER_BOUND, originalPositionFor, sourceContentFor, traceSegment, TraceMap } from '@jridgewell/trace-mapping';
import { SourceMapConsumer, type RawIndexMap, type RawSourceMap } from 'source-map';

/**
 * One parsed source map, whichever library parsed it. Lines are 1-based, columns 0-based
 * (source-map conventions). `source` values are resolved against the map's location.
 */
export interface MapIndex {
  original(line: number, column: number, after: boolean): { source: string; line: number; column: number; name: string | null } | null;
  /** The `names` entry of a segment starting exactly at this generated position. */
  nameAt(line: number, column: number): string | null;
  sourceContent(source: string): string | null;
  /** The `sources` entry (with `sourceRoot`) that resolved to `source`, as the map wrote it. */
  rawSource(source: string): string | null;
  dispose(): void;
}

function decoded(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/**
 * Resolved source → the name as written in the map (Sentry names mapped frames by the latter).
 * The two engines percent-encode resolved paths differently, so keys are compared decoded.
 */
function rawSourceTable(json: unknown, mapUrl: string, out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (typeof json !== 'object' || json === null || depth > 4) return out;
  const map = json as { sections?: unknown; sources?: unknown; sourceRoot?: unknown };
  if (Array.isArray(map.sections)) {
    for (const section of map.sections as unknown[]) {
      if (typeof section === 'object' && section !== null) rawSourceTable((section as { map?: unknown }).map, mapUrl, out, depth + 1);
    }
    return out;
  }
  if (!Array.isArray(map.sources)) return out;
  const root = typeof map.sourceRoot === 'string' ? map.sourceRoot.replace(/\/+$/, '') : '';
  let resolved: readonly (string | null)[];
  try {
    resolved = new TraceMap(json as ConstructorParameters<typeof TraceMap>[0], mapUrl).resolvedSources;
  } catch {
    return out;
  }
  map.sources.forEach((source: unknown, i) => {
    const to = resolved[i];
    if (typeof source !== 'string' || typeof to !== 'string') return;
    // The sourcemap crate symbolicator uses prefixes a relative source with the root.
    const raw = root && !source.includes('://') && !source.startsWith('/') ? `${root}/${source}` : source;
    if (!out.has(decoded(to))) out.set(decoded(to), raw);
  });
  return out;
}

/**
 * source-map 0.7 (WebAssembly) measured faster than @jridgewell/trace-mapping on a 5 MB map
 * (see README.md), so it is the default; trace-mapping is the fallback when the wasm file can't
 * be loaded (for example when a bundler moved the package).
 */
export type MapEngineName = 'source-map' | 'trace-mapping';
let preferred: MapEngineName = 'source-map';
let wasmBroken = false;

/** Chooses the engine (tests and benchmarks use this). */
export function setMapEngine(name: MapEngineName): void {
  preferred = name;
}

export function activeMapEngine(): MapEngineName {
  return preferred === 'source-map' && !wasmBroken ? 'source-map' : 'trace-mapping';
}

/** What a map's relative sources resolve against: its URL when it was fetched, else its file. */
function mapBase(mapPath: string): string {
  return /^https?:\/\//i.test(mapPath) ? mapPath : pathToFileURL(mapPath).href;
}

/** What each engine answers; the raw source names are the same for both. */
type EngineIndex = Omit<MapIndex, 'rawSource'>;

function fromTraceMapping(json: unknown, mapPath: string): EngineIndex {
  const map = FlattenMap(json as Parameters<typeof FlattenMap>[0], mapBase(mapPath));
  return {
    original(line, column, after) {
      const p = originalPositionFor(map, after ? { line, column, bias: LEAST_UPPER_BOUND } : { line, column });
      return p.source === null ? null : { source: p.source, line: p.line, column: p.column, name: p.name };
    },
    nameAt(line, column) {
      const seg = traceSegment(map, line - 1, column);
      return seg && seg[0] === column && seg.length === 5 ? (map.names[seg[4]] ?? null) : null;
    },
    sourceContent: (source) => sourceContentFor(map, source),
    dispose: () => undefined,
  };
}

async function fromSourceMap(json: unknown, mapPath: string): Promise<EngineIndex> {
  const consumer = await new SourceMapConsumer(json as RawSourceMap | RawIndexMap, mapBase(mapPath));
  const find = (line: number, column: number, bias: number): ReturnType<MapIndex['original']> => {
    const p = consumer.originalPositionFor({ line, column, bias });
    return p.source === null || p.line === null || p.column === null ? null : { source: p.source, line: p.line, column: p.column, name: p.name };
  };
  let disposed = false;
  return {
    original: (line, column, after) => find(line, column, after ? SourceMapConsumer.LEAST_UPPER_BOUND : SourceMapConsumer.GREATEST_LOWER_BOUND),
    nameAt(line, column) {
      // The segment starts exactly here when the nearest one before and after are the same.
      const before = find(line, column, SourceMapConsumer.GREATEST_LOWER_BOUND);
      const after = find(line, column, SourceMapConsumer.LEAST_UPPER_BOUND);
      const same = before && after && before.source === after.source && before.line === after.line && before.column === after.column;
      return same && before.name === after.name ? before.name : null;
    },
    sourceContent: (source) => consumer.sourceContentFor(source, true),
    dispose() {
      if (!disposed) consumer.destroy();
      disposed = true;
    },
  };
}

/** Builds a MapIndex from parsed JSON; the first lookup is forced so corrupt mappings fail here. */
export async function buildMapIndex(json: unknown, mapPath: string): Promise<MapIndex> {
  let index: EngineIndex | null = null;
  if (activeMapEngine() === 'source-map') {
    try {
      index = await fromSourceMap(json, mapPath);
    } catch (err) {
      if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') wasmBroken = true;
      else throw err;
    }
  }
  index ??= fromTraceMapping(json, mapPath);
  try {
    index.original(1, 0, true);
  } catch (err) {
    index.dispose();
    throw err;
  }
  const raw = rawSourceTable(json, mapBase(mapPath));
  return { ...index, rawSource: (source) => raw.get(decoded(source)) ?? null };
}
