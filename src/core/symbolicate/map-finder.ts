import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadScope } from './safe-read';
import { locateFile } from './locate-file';
import { probe } from './file-probe';
import { inlineMap, loadMapFile, type MapLease, type ParsedMap } from './map-cache';
import { loadGeneratedFile, type GeneratedFile } from './generated-file';
import { filesForDebugId, type DebugScanSession } from './debug-id-index';
import { decodeDataUrl } from './data-url';
import { scrapeMapForFrame, type ScrapeSession } from './scrape-map';
import { kindOfReason, type SourcemapFailureKind } from '../../shared/sourcemap-failure';

export { decodeDataUrl } from './data-url';

/** How the map was found; `scraping` is Sentry's name for fetching it from the script's URL. */
export type ResolvedWith = 'debug-id' | 'source-mapping-url' | 'sibling' | 'scraping';

export type MapLookup =
  | { kind: 'found'; parsed: ParsedMap; mapRef: string; resolvedWith: ResolvedWith; generated: GeneratedFile | null }
  /** `otherBuild`: the file at the frame's path is not the build the event ran, so nothing of it applies. */
  | { kind: 'error'; reason: string; failureKind?: SourcemapFailureKind; generated: GeneratedFile | null; otherBuild?: boolean }
  | { kind: 'none'; generated: GeneratedFile | null };

export interface FinderSession {
  scope: ReadScope;
  debugScan: DebugScanSession;
  lease: MapLease;
  /** Fetching from the script's URL when no Source folder holds it; null turns it off. */
  scrape?: ScrapeSession | null;
}

async function exists(p: string, scope: ReadScope): Promise<boolean> {
  return (await probe(p, scope.reuseProbes)) === 'file';
}

/** Resolves a `sourceMappingURL` against its generated file and loads the map. */
async function mapFromUrl(url: string, gen: GeneratedFile, session: FinderSession): Promise<{ parsed: ParsedMap; mapRef: string } | { error: string }> {
  if (url.startsWith('data:')) {
    const text = decodeDataUrl(url);
    if (text === null) return { error: 'inline source map (data: URL) could not be decoded' };
    const parsed = await inlineMap(gen.path, gen.stamp, text, session.lease);
    return 'error' in parsed ? { error: `inline source map: ${parsed.error}` } : { parsed, mapRef: `${gen.path} (inline)` };
  }
  let file: string | null;
  if (url.startsWith('file:')) {
    try {
      file = fileURLToPath(url);
    } catch {
      file = null;
    }
  } else if (/^https?:\/\//i.test(url)) {
    file = await locateFile(url, session.scope);
  } else {
    const clean = url.split(/[?#]/)[0] ?? '';
    let decoded = clean;
    try {
      decoded = decodeURIComponent(clean);
    } catch {}
    file = path.resolve(path.dirname(gen.path), decoded);
  }
  if (file === null) return { error: `source map ${url} not found under the source roots` };
  const parsed = await loadMapFile(file, session.scope, session.lease);
  return 'error' in parsed ? { error: `source map ${url}: ${parsed.error}` } : { parsed, mapRef: file };
}

/** The map a generated file points to: its sourceMappingURL, else a sibling FILE.map. */
async function mapOfGenerated(gen: GeneratedFile, session: FinderSession): Promise<{ parsed: ParsedMap; mapRef: string; via: ResolvedWith } | { error: string } | null> {
  if (gen.sourceMappingURL) {
    const r = await mapFromUrl(gen.sourceMappingURL, gen, session);
    return 'error' in r ? r : { ...r, via: 'source-mapping-url' };
  }
  const sibling = `${gen.path}.map`;
  if (!(await exists(sibling, session.scope))) return null;
  const parsed = await loadMapFile(sibling, session.scope, session.lease);
  return 'error' in parsed ? { error: `source map ${sibling}: ${parsed.error}` } : { parsed, mapRef: sibling, via: 'sibling' };
}

/**
 * Whether a map found by a debug id (or through a file that carries it) belongs to that build:
 * the map's own id, when it has one, must be the same.
 */
function mapMatches(parsed: ParsedMap, debugId: string): boolean {
  return parsed.debugId === null || parsed.debugId === debugId;
}

async function byDebugId(debugId: string, session: FinderSession, stale: boolean): Promise<MapLookup | null> {
  const files = await filesForDebugId(debugId, session.scope.roots, session.debugScan, stale);
  if (!files) return null;
  for (const mapPath of files.maps) {
    const parsed = await loadMapFile(mapPath, session.scope, session.lease);
    if ('error' in parsed || parsed.debugId !== debugId) continue;
    const js = mapPath.endsWith('.map') ? await loadGeneratedFile(mapPath.slice(0, -4), session.scope) : null;
    const generated = js && !('error' in js) && js.debugId === debugId ? js : null;
    return { kind: 'found', parsed, mapRef: mapPath, resolvedWith: 'debug-id', generated };
  }
  for (const jsPath of files.generated) {
    const gen = await loadGeneratedFile(jsPath, session.scope);
    // Read again since the index saw it: it must still be that build, and so must its map.
    if ('error' in gen || gen.debugId !== debugId) continue;
    const m = await mapOfGenerated(gen, session);
    if (m && !('error' in m) && mapMatches(m.parsed, debugId)) {
      return { kind: 'found', parsed: m.parsed, mapRef: m.mapRef, resolvedWith: 'debug-id', generated: gen };
    }
  }
  return stale || session.debugScan.rescanned ? null : byDebugId(debugId, session, true);
}

/**
 * Why no map of the event's build was found: Sentry's `js_no_source` ("source code was not
 * found") for a debug id, with what the file on disk now is when it is another build.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 */
function missingDebugId(debugId: string, gen: GeneratedFile | null, generated: GeneratedFile | null): MapLookup {
  const rebuilt = gen && gen.debugId !== debugId
    ? `; ${gen.path} was rebuilt since the event (${gen.debugId ? `it carries debug id ${gen.debugId}` : 'it carries no debug id'}), so its source map does not match`
    : '';
  return { kind: 'error', reason: `no source map with debug id ${debugId} under the source roots${rebuilt}`, failureKind: 'debug-id', generated,
    otherBuild: gen !== null && gen.debugId !== null && gen.debugId !== debugId };
}

/**
 * Finds the source map for a minified frame, in Sentry's order: the event's debug id, the local
 * file (a Source folder: Lookout's release artifacts) with its `//# sourceMappingURL=` or a
 * sibling `FILE.map`, then fetching the script from its URL. `none` means the file shows no sign
 * of being generated; `error` carries the reason to show on the frame.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/lookup.rs
 */
export async function findMapForFrame(ref: string, debugId: string | null, session: FinderSession): Promise<MapLookup> {
  const genPath = await locateFile(ref, session.scope);
  const loaded = genPath ? await loadGeneratedFile(genPath, session.scope) : null;
  const gen = loaded && !('error' in loaded) ? loaded : null;
  const local = await findLocally(gen, debugId, session);
  if (local.kind === 'found' || gen || !session.scrape) return local;
  const scraped = await scrapeMapForFrame(ref, session.scrape);
  if (!scraped) return local;
  if (scraped.kind === 'error') {
    const reason = local.kind === 'error' ? `${local.reason}; ${scraped.failure.reason}` : scraped.failure.reason;
    return { kind: 'error', reason, failureKind: scraped.failure.kind, generated: null };
  }
  const fetched = scraped.generated;
  // The event names its build: only a script or map of that build may map it (Sentry never
  // applies a map whose debug id differs), so a script served with no id at all is not enough.
  if (debugId && fetched.debugId !== debugId && scraped.parsed.debugId !== debugId) {
    return fetched.debugId && fetched.debugId !== debugId ? missingDebugId(debugId, fetched, null) : { kind: 'error',
      reason: `source map ${scraped.mapRef} ${scraped.parsed.debugId ? `has debug id ${scraped.parsed.debugId}` : 'carries no debug id'}, the event expects ${debugId}`,
      failureKind: 'debug-id', generated: null };
  }
  if (debugId && !mapMatches(scraped.parsed, debugId)) {
    return { kind: 'error', reason: `source map ${scraped.mapRef} has debug id ${scraped.parsed.debugId}, the event expects ${debugId}`, failureKind: 'debug-id', generated: null };
  }
  return { kind: 'found', parsed: scraped.parsed, mapRef: scraped.mapRef, resolvedWith: 'scraping', generated: fetched };
}

/**
 * A frame whose file the event names a debug id for is mapped only by that build's map; a file
 * without one keeps the path lookup (its `sourceMappingURL`, else a sibling `.map`).
 */
async function findLocally(gen: GeneratedFile | null, debugId: string | null, session: FinderSession): Promise<MapLookup> {
  if (debugId) {
    const hit = await byDebugId(debugId, session, false);
    if (hit) return hit.kind === 'found' && !hit.generated ? { ...hit, generated: gen?.debugId === debugId ? gen : null } : hit;
    // Not indexed (outside the roots, a frame's own path): still that build if it says so, or its map does.
    const m = gen ? await mapOfGenerated(gen, session) : null;
    if (gen && m && 'error' in m && gen.debugId === debugId) return { kind: 'error', reason: m.error, failureKind: kindOfReason(m.error), generated: gen };
    if (gen && m && !('error' in m)) {
      if (gen.debugId === debugId ? mapMatches(m.parsed, debugId) : m.parsed.debugId === debugId) {
        return { kind: 'found', parsed: m.parsed, mapRef: m.mapRef, resolvedWith: m.via, generated: gen };
      }
      if (gen.debugId === debugId) {
        return { kind: 'error', reason: `source map ${m.mapRef} has debug id ${m.parsed.debugId}, the event expects ${debugId}`, failureKind: 'debug-id', generated: gen };
      }
    }
    return missingDebugId(debugId, gen, gen?.debugId === debugId ? gen : null);
  }
  if (gen) {
    const m = await mapOfGenerated(gen, session);
    if (m && 'error' in m) return { kind: 'error', reason: m.error, generated: gen };
    if (m) return { kind: 'found', parsed: m.parsed, mapRef: m.mapRef, resolvedWith: m.via, generated: gen };
  }
  return { kind: 'none', generated: gen };
}
