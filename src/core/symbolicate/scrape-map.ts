import type { MapFailure } from './failure-kind';
import { generatedFromText, type GeneratedFile } from './generated-file';
import type { GetFailureKind } from './http-get';
import { inlineMap, remoteMap, type MapLease, type ParsedMap } from './map-cache';
import { MAX_MAP_BYTES } from './safe-read';
import { fetchCached, type FetchFailure, type Fetched } from './scrape-cache';
import { scrapeDecision, type ScrapeOptions } from './scrape-policy';
import { decodeDataUrl } from './data-url';

/** What the run waits for at most, over all its fetches: ingest acknowledges the SDK after it. */
export const SCRAPE_BUDGET_MS = 2000;

export type Scraped =
  | { kind: 'found'; parsed: ParsedMap; mapRef: string; generated: GeneratedFile }
  | { kind: 'error'; failure: MapFailure; generated: GeneratedFile | null };

/** A run's fetch settings and the deadline its waits share (`performance.now()` time: the wall clock may jump). */
export interface ScrapeSession {
  opts: ScrapeOptions;
  deadline: number;
  lease: MapLease;
}

const MAX_GENERATED = 16;
/** Scripts by URL and body stamp, so function scopes are scanned once per build. */
const generatedCache = new Map<string, GeneratedFile>();

function generatedOf(got: Fetched): GeneratedFile {
  const key = `${got.url}\n${got.stamp}\n${got.sourceMap ?? ''}`;
  let gen = generatedCache.get(key);
  if (!gen) {
    gen = generatedFromText(got.url, got.text, got.stamp, got.sourceMap);
    if (generatedCache.size >= MAX_GENERATED) generatedCache.delete(generatedCache.keys().next().value ?? '');
    generatedCache.set(key, gen);
  }
  return gen;
}

const PENDING = Symbol('pending');

/** The fetch, or PENDING once the run's budget is spent (the fetch goes on and fills the cache). */
async function withinBudget(url: URL, session: ScrapeSession): Promise<Fetched | FetchFailure | typeof PENDING> {
  const left = session.deadline - performance.now();
  if (left <= 0) return PENDING;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof PENDING>((resolve) => { timer = setTimeout(() => resolve(PENDING), left); });
  try {
    return await Promise.race([fetchCached(url, MAX_MAP_BYTES), late]);
  } finally {
    clearTimeout(timer);
  }
}

const FETCH_KIND: Record<GetFailureKind, MapFailure['kind']> = { status: 'fetch-failed', timeout: 'fetch-failed', refused: 'fetch-failed', error: 'fetch-failed', 'too-large': 'too-large' };

/** One fetch within the run's budget, its failure in the words shown on the frame. */
export async function fetchFor(url: URL, what: string, session: ScrapeSession): Promise<Fetched | MapFailure> {
  const got = await withinBudget(url, session);
  if (got === PENDING) {
    return { kind: 'fetch-pending', reason: `${what} ${url.href} was still being fetched when the event was stored (${SCRAPE_BUDGET_MS / 1000} s budget); opening the event again retries` };
  }
  if ('failed' in got) {
    const detail = got.kind === 'too-large' ? `too large (${got.detail})` : got.detail;
    return { kind: FETCH_KIND[got.kind], reason: `could not fetch ${what} ${url.href}: ${detail}` };
  }
  return got;
}

async function mapAt(ref: string, gen: GeneratedFile, session: ScrapeSession): Promise<{ parsed: ParsedMap; mapRef: string } | MapFailure> {
  if (ref.startsWith('data:')) {
    const text = decodeDataUrl(ref);
    if (text === null) return { kind: 'invalid-map', reason: 'inline source map (data: URL) could not be decoded' };
    const parsed = await inlineMap(gen.path, gen.stamp, text, session.lease);
    return 'error' in parsed ? { kind: 'invalid-map', reason: `inline source map of ${gen.path}: ${parsed.error}` } : { parsed, mapRef: `${gen.path} (inline)` };
  }
  let joined: string;
  try {
    joined = new URL(ref, gen.path).href;
  } catch {
    return { kind: 'invalid-map', reason: `sourceMappingURL ${ref.slice(0, 200)} of ${gen.path} is not a valid URL` };
  }
  const allowed = scrapeDecision(joined, 'map', session.opts);
  if (!allowed.ok) return { kind: allowed.kind === 'host-not-allowed' ? 'host-not-allowed' : 'other', reason: `source map of ${gen.path}: ${allowed.reason}` };
  const got = await fetchFor(allowed.url, 'source map', session);
  if ('reason' in got) return got;
  const parsed = await remoteMap(got.url, got.stamp, got.text, session.lease);
  if (!('error' in parsed)) return { parsed, mapRef: got.url };
  const type = got.contentType && !/json|octet|text\/plain|javascript/i.test(got.contentType) ? ` (the server answered ${got.contentType.split(';')[0]})` : '';
  return { kind: parsed.error.includes('could not be parsed') || type === '' ? 'invalid-map' : 'not-found', reason: `${got.url}: ${parsed.error}${type}` };
}

/**
 * Sentry's last resort for a minified frame: fetch the script from its URL, find its map (the
 * `SourceMap`/`X-SourceMap` header, else the `//# sourceMappingURL` comment, relative URLs
 * joined to the script's), fetch or decode it. Only URLs {@link scrapeDecision} allows.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export async function scrapeMapForFrame(ref: string, session: ScrapeSession): Promise<Scraped | null> {
  const allowed = scrapeDecision(ref, 'script', session.opts);
  if (!allowed.ok) {
    return allowed.kind === 'host-not-allowed' && session.opts.explain === true ? { kind: 'error', failure: { kind: 'host-not-allowed', reason: allowed.reason }, generated: null } : null;
  }
  const got = await fetchFor(allowed.url, 'script', session);
  if ('reason' in got) return { kind: 'error', failure: got, generated: null };
  const gen = generatedOf(got);
  if (!gen.sourceMappingURL) {
    const reason = `${got.url} names no source map: no //# sourceMappingURL comment at its end and no SourceMap header`;
    return { kind: 'error', failure: { kind: 'no-source-map-url', reason }, generated: gen };
  }
  const map = await mapAt(gen.sourceMappingURL, gen, session);
  return 'reason' in map ? { kind: 'error', failure: map, generated: gen } : { kind: 'found', ...map, generated: gen };
}
