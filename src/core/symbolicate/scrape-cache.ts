import { createHash } from 'node:crypto';
import { httpGet, type GetFailureKind, type GetOptions } from './http-get';

/**
 * A fetched copy is used without asking again for this long. Short, so a dev server that rebuilt
 * is seen on the next error (symbolicator re-downloads hourly; a dev server changes by the minute).
 */
export const FRESH_MS = 1000;
/** How long a failed fetch is answered from memory, so a server that is down costs one try. */
export const FAILURE_MS = 10_000;
/** A server that holds connections without answering is not asked again for longer. */
export const TIMEOUT_FAILURE_MS = 30_000;
/** Fetches at once, over all events: a burst of errors must not flood the user's dev server. */
export const MAX_CONCURRENT_FETCHES = 4;
const MAX_ENTRIES = 64;
/** Budget for the text of all cached copies together (maps are parsed and cached on their own). */
const MAX_CACHED_CHARS = 128 * 1024 * 1024;
const MAX_FAILURES = 1000;

export interface Fetched {
  url: string;
  text: string;
  /** Changes only when the body does: parsed forms are cached under it. */
  stamp: string;
  sourceMap: string | null;
  contentType: string | null;
}

export type FetchFailure = { failed: true; kind: GetFailureKind; detail: string };

interface Entry extends Fetched { etag: string | null; lastModified: string | null; checkedAt: number }

const entries = new Map<string, Entry>();
let cachedChars = 0;
const failures = new Map<string, FetchFailure & { until: number }>();
const inflight = new Map<string, Promise<Fetched | FetchFailure>>();

/** Counts real requests, so tests can see the cache, the validators and the failure memory work. */
export const scrapeStats = { requests: 0, notModified: 0 };

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_FETCHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function store(entry: Entry): void {
  const old = entries.get(entry.url);
  if (old) cachedChars -= old.text.length;
  entries.delete(entry.url);
  entries.set(entry.url, entry);
  cachedChars += entry.text.length;
  while (entries.size > MAX_ENTRIES || (cachedChars > MAX_CACHED_CHARS && entries.size > 1)) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    cachedChars -= entries.get(oldest)?.text.length ?? 0;
    entries.delete(oldest);
  }
}

async function refresh(url: URL, maxBytes: number, cached: Entry | undefined): Promise<Fetched | FetchFailure> {
  const opts: GetOptions = { maxBytes, etag: cached?.etag ?? null, lastModified: cached?.lastModified ?? null };
  scrapeStats.requests++;
  const got = await limited(() => httpGet(url, opts));
  const now = Date.now();
  if (!got.ok) {
    if (failures.size >= MAX_FAILURES) failures.clear();
    failures.set(url.href, { failed: true, kind: got.kind, detail: got.detail, until: now + (got.kind === 'timeout' ? TIMEOUT_FAILURE_MS : FAILURE_MS) });
    const stale = entries.get(url.href);
    if (stale) cachedChars -= stale.text.length;
    entries.delete(url.href);
    return { failed: true, kind: got.kind, detail: got.detail };
  }
  if (got.status === 304 && cached) {
    scrapeStats.notModified++;
    cached.checkedAt = now;
    return cached;
  }
  if (got.status !== 200) return { failed: true, kind: 'status', detail: 'HTTP 304 without a cached copy' };
  const stamp = createHash('sha1').update(got.text).digest('base64url');
  const entry: Entry = { url: url.href, text: got.text, stamp, sourceMap: got.sourceMap, contentType: got.contentType,
    etag: got.etag, lastModified: got.lastModified, checkedAt: now };
  store(entry);
  return entry;
}

/**
 * The body at `url`: from the cache while fresh, revalidated with its `ETag`/`Last-Modified`
 * after that (refetched when the server gives neither), a recent failure from memory. One
 * request per URL at a time, at most {@link MAX_CONCURRENT_FETCHES} in all.
 */
export function fetchCached(url: URL, maxBytes: number): Promise<Fetched | FetchFailure> {
  const key = url.href;
  const now = Date.now();
  const failure = failures.get(key);
  if (failure && failure.until > now) return Promise.resolve(failure);
  const cached = entries.get(key);
  if (cached && now - cached.checkedAt < FRESH_MS) return Promise.resolve(cached);
  let pending = inflight.get(key);
  if (!pending) {
    pending = refresh(url, maxBytes, cached).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** Forgets every copy and failure (tests; and when the user changes the fetch settings). */
export function clearScrapeCache(): void {
  entries.clear();
  failures.clear();
  cachedChars = 0;
}
