import { readFile, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { clearScrapeCache, mapCacheStats, scrapeStats, symbolicateEvent } from './index';
import { FETCH_TIMEOUT_MS, httpGet } from './http-get';
import { FAILURE_MS, fetchCached, FRESH_MS, MAX_CONCURRENT_FETCHES, TIMEOUT_FAILURE_MS } from './scrape-cache';
import { SCRAPE_BUDGET_MS } from './scrape-map';
import { startDevServer, type DevServer } from './scrape-test-server';
import { bundle, captureCheckoutError, framePath, framesOfEvent, makeProject } from './test-support';

let dir: string;
let js: string;
let code: string;
let map: string;
let sent: SentryEvent;
let dev: DevServer;

beforeAll(async () => {
  dir = await makeProject('lookout-scrape-cache-');
  js = await bundle(dir, 'app.js', { sourcemap: true });
  code = await readFile(js, 'utf8');
  map = await readFile(`${js}.map`, 'utf8');
  sent = await captureCheckoutError(js);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  clearScrapeCache();
  dev = await startDevServer();
  // Only Date is faked: freshness and failure memory read the clock; sockets and timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await dev.close();
});

/** The event with its bundle frames at these URLs, in turn (a page loading several scripts). */
function servedAt(...urls: string[]): SentryEvent {
  const copy = structuredClone(sent);
  let i = 0;
  for (const f of framesOfEvent(copy)) {
    if (framePath(f) !== js) continue;
    const url = urls[i++ % urls.length] ?? '';
    f.abs_path = url;
    f.filename = url;
  }
  return copy;
}

const mappedCount = (event: SentryEvent): number => framesOfEvent(event).filter((f) => f.data?.resolved_with === 'scraping').length;
const later = (ms: number): void => { vi.setSystemTime(Date.now() + ms); };

describe('fetched scripts and maps are cached', () => {
  it('reused while fresh, then revalidated with the ETag; a rebuild is picked up', async () => {
    dev.routes.set('/static/app.js', { body: code, headers: { etag: '"js-1"' } });
    dev.routes.set('/static/app.js.map', { body: map, headers: { etag: '"map-1"' } });
    const url = `${dev.origin}/static/app.js`;
    const parses = mapCacheStats.parses;
    expect(mappedCount((await symbolicateEvent(servedAt(url), { sourceRoots: [] })).event)).toBe(4);
    expect(mappedCount((await symbolicateEvent(servedAt(url), { sourceRoots: [] })).event)).toBe(4);
    expect(dev.requests.length).toBe(2);

    later(FRESH_MS + 1);
    expect(mappedCount((await symbolicateEvent(servedAt(url), { sourceRoots: [] })).event)).toBe(4);
    expect(dev.requests.slice(2)).toEqual([{ path: '/static/app.js', ifNoneMatch: '"js-1"' }, { path: '/static/app.js.map', ifNoneMatch: '"map-1"' }]);
    expect(scrapeStats.notModified).toBeGreaterThanOrEqual(2);
    expect(mapCacheStats.parses - parses).toBe(1);

    // The dev server rebuilt: the map no longer covers the frames, and the next event says so.
    dev.routes.set('/static/app.js.map', { body: JSON.stringify({ ...JSON.parse(map), mappings: ';AAAA' }), headers: { etag: '"map-2"' } });
    later(FRESH_MS + 1);
    const { notes } = await symbolicateEvent(servedAt(url), { sourceRoots: [] });
    expect(notes.map((n) => n.kind)).toEqual(['not-covered', 'not-covered', 'not-covered', 'not-covered']);
    expect(mapCacheStats.parses - parses).toBe(2);
  });

  it('without validators, refetched after the short TTL, and not parsed again while the body is the same', async () => {
    dev.routes.set('/app.js', { body: code });
    dev.routes.set('/app.js.map', { body: map });
    const parses = mapCacheStats.parses;
    await symbolicateEvent(servedAt(`${dev.origin}/app.js`), { sourceRoots: [] });
    later(FRESH_MS + 1);
    expect(mappedCount((await symbolicateEvent(servedAt(`${dev.origin}/app.js`), { sourceRoots: [] })).event)).toBe(4);
    expect(dev.requests.map((r) => r.path)).toEqual(['/app.js', '/app.js.map', '/app.js', '/app.js.map']);
    expect(mapCacheStats.parses - parses).toBe(1);
  });
});

describe('failures are remembered briefly', () => {
  it('a missing map is asked for once, then again after a while', async () => {
    dev.routes.set('/app.js', { body: code });
    const url = `${dev.origin}/app.js`;
    const first = await symbolicateEvent(servedAt(url), { sourceRoots: [] });
    expect(first.notes[0]?.reason).toContain('HTTP 404');
    later(FRESH_MS + 1);
    dev.routes.set('/app.js', { body: code, headers: { etag: '"1"' } });
    const again = await symbolicateEvent(servedAt(url), { sourceRoots: [] });
    expect(again.notes[0]?.reason).toContain('HTTP 404');
    expect(dev.requests.filter((r) => r.path === '/app.js.map').length).toBe(1);
    dev.routes.set('/app.js.map', { body: map });
    later(FAILURE_MS);
    // The stored event, opened again: its frames map now, and the reason and its kind are gone.
    const { event } = await symbolicateEvent(again.event, { sourceRoots: [] });
    expect(mappedCount(event)).toBe(4);
    for (const f of framesOfEvent(event).filter((fr) => fr.data?.symbolicated)) {
      expect(f.data).not.toHaveProperty('sourcemap_error');
      expect(f.data).not.toHaveProperty('sourcemap_error_kind');
    }
  });

  it('a server that never answers: the event waits at most the fetch budget, and the next one not at all', async () => {
    dev.routes.set('/hung.js', { hang: true });
    const url = `${dev.origin}/hung.js`;
    const started = performance.now();
    const { notes } = await symbolicateEvent(servedAt(url), { sourceRoots: [] });
    expect(performance.now() - started).toBeLessThan(SCRAPE_BUDGET_MS + 500);
    expect(notes[0]).toMatchObject({ kind: 'fetch-failed', reason: `could not fetch script ${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s` });

    const again = performance.now();
    expect((await symbolicateEvent(servedAt(url), { sourceRoots: [] })).notes[0]?.reason).toContain('no answer within 1.5 s');
    // Answered from memory: no new connection (below), and far from another fetch timeout (a loose
    // bound, since the machine running the tests may be busy).
    expect(performance.now() - again).toBeLessThan(FETCH_TIMEOUT_MS / 2);
    expect(dev.requests.length).toBe(1);
    later(TIMEOUT_FAILURE_MS);
    await symbolicateEvent(servedAt(url), { sourceRoots: [] });
    expect(dev.requests.length).toBe(2);
  });

  it('several hung scripts share one budget: the rest are marked pending, not waited for', async () => {
    for (const p of ['/a.js', '/b.js', '/c.js']) dev.routes.set(p, { hang: true });
    const started = performance.now();
    const { notes } = await symbolicateEvent(servedAt(`${dev.origin}/a.js`, `${dev.origin}/b.js`, `${dev.origin}/c.js`), { sourceRoots: [] });
    expect(performance.now() - started).toBeLessThan(SCRAPE_BUDGET_MS + 500);
    expect(notes.map((n) => n.kind)).toContain('fetch-pending');
    expect(notes.find((n) => n.kind === 'fetch-pending')?.reason).toContain('opening the event again retries');
  });
});

describe('limits', () => {
  it(`at most ${MAX_CONCURRENT_FETCHES} fetches at once, and one per URL`, async () => {
    const paths = Array.from({ length: 10 }, (_, i) => `/chunk-${i}.js`);
    for (const p of paths) dev.routes.set(p, { body: 'x()', hold: true });
    const all = Promise.all([...paths, ...paths].map((p) => fetchCached(new URL(`${dev.origin}${p}`), 1024)));
    let answered = 0;
    while (answered < paths.length) {
      await vi.waitFor(() => expect(dev.held.length).toBeGreaterThan(0), { timeout: 5000 });
      dev.held.shift()?.();
      answered++;
    }
    expect((await all).every((r) => 'text' in r && r.text === 'x()')).toBe(true);
    expect(dev.maxOpen).toBe(MAX_CONCURRENT_FETCHES);
    expect(dev.requests.length).toBe(paths.length);
  });

  it('a body over the cap is cut off as it streams (no Content-Length)', async () => {
    dev.routes.set('/big.js.map', { body: 'x'.repeat(300_000), headers: { 'transfer-encoding': 'chunked' } });
    const got = await httpGet(new URL(`${dev.origin}/big.js.map`), { maxBytes: 100_000 });
    expect(got).toEqual({ ok: false, kind: 'too-large', detail: 'over the 100000-byte limit' });
    const small = await httpGet(new URL(`${dev.origin}/big.js.map`), { maxBytes: 400_000 });
    expect(small).toMatchObject({ ok: true, status: 200 });
  });
});
