/**
 * Original sources fetched from their URLs when a map embeds no `sourcesContent` (esbuild's
 * `sourcesContent: false`, as Vite/webpack dev settings write): real @sentry/node events of an
 * esbuild bundle, a real HTTP server standing in for the dev server.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { clearScrapeCache, symbolicateEvent } from './index';
import { FETCH_TIMEOUT_MS } from './http-get';
import { FAILURE_MS } from './scrape-cache';
import { SCRAPE_BUDGET_MS } from './scrape-map';
import { originalSourceUrl } from './scrape-source';
import { startDevServer, type DevServer } from './scrape-test-server';
import { bundle, captureCheckoutError, FIXTURE_SOURCES, framesOfEvent, makeProject, servedAt } from './test-support';

let dir: string;
let js: string;
let code: string;
/** The map as esbuild wrote it with `sourcesContent: false`: sources `../src/*.js`, no text. */
let map: { sources: string[]; sourceRoot?: string; sourcesContent?: unknown };
let sent: SentryEvent;
let dev: DevServer;

beforeAll(async () => {
  dir = await makeProject('lookout-scrape-source-');
  js = await bundle(dir, 'app.js', { sourcemap: true, sourcesContent: false });
  code = await readFile(js, 'utf8');
  map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as typeof map;
  sent = await captureCheckoutError(js);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  clearScrapeCache();
  dev = await startDevServer();
  // Only Date is faked: failure memory reads the clock; sockets and timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await dev.close();
});

/** The event as a browser would send it: the bundle's frames at `url`. */
const served = (url: string): SentryEvent => servedAt(sent, js, url);

/** The bundle's frames once mapped, newest first: validate, priceOf, Cart.total, checkout. */
const mapped = (event: SentryEvent): SentryFrame[] => framesOfEvent(event).filter((f) => f.data?.symbolicated === true).reverse();
const line = (file: string, n: number): string => FIXTURE_SOURCES[file]?.split('\n')[n - 1] ?? '';
const serveScript = (mapJson: object, at = '/static'): void => {
  dev.routes.set(`${at}/app.js`, { body: code });
  dev.routes.set(`${at}/app.js.map`, { body: JSON.stringify(mapJson), headers: { 'content-type': 'application/json' } });
};
const serveSources = (prefix: string): void => {
  for (const [file, text] of Object.entries(FIXTURE_SOURCES)) dev.routes.set(`${prefix}/${file}`, { body: text, headers: { 'content-type': 'text/javascript' } });
};
const sourceRequests = (): string[] => dev.requests.map((r) => r.path).filter((p) => !p.includes('app.js'));

describe('a map without sourcesContent', () => {
  it('relative sources are fetched next to the map, once each, and give every frame its context lines', async () => {
    expect(map.sourcesContent).toBeUndefined();
    serveScript(map);
    serveSources('');
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(notes).toEqual([]);
    const frames = mapped(event);
    expect(frames.map((f) => [f.filename, f.function])).toEqual([
      ['../src/validate.js', 'validate'], ['../src/cart.js', 'priceOf'], ['../src/cart.js', 'Cart.total'], ['../src/main.js', 'checkout']]);
    for (const f of frames) {
      const file = (f.filename ?? '').replace('../', '');
      expect(f.context_line, file).toBe(line(file, f.lineno ?? 0));
      expect(f.abs_path).toBe(`${dev.origin}/${file}`);
    }
    expect(frames[0]?.pre_context?.at(-1)).toBe('  if (item.price < 0) {');
    expect(sourceRequests().sort()).toEqual(['/src/cart.js', '/src/main.js', '/src/validate.js']);
    // The next event is answered from the cache.
    expect(mapped((await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] })).event)[0]?.context_line).toContain('throw new Error');
    expect(sourceRequests()).toHaveLength(3);
  });

  it('a sourceRoot is joined before the map URL', async () => {
    serveScript({ ...map, sourceRoot: '/original/', sources: map.sources.map((s) => s.replace('../', '')) });
    serveSources('/original');
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(notes).toEqual([]);
    expect(mapped(event)[0]).toMatchObject({ abs_path: `${dev.origin}/original/src/validate.js`, context_line: line('src/validate.js', 3) });
  });

  it('a webpack:// source is fetched at its path joined to the map URL', async () => {
    serveScript({ ...map, sources: map.sources.map((s) => s.replace('../', 'webpack://shop/./')) });
    serveSources('/static');
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(notes).toEqual([]);
    expect(mapped(event)[0]).toMatchObject({ filename: './src/validate.js', context_line: line('src/validate.js', 3) });
    expect(sourceRequests()).toContain('/static/src/validate.js');
  });

  it('a 404 leaves the frame mapped without context, says why, and is not asked again at once; the view retries later', async () => {
    serveScript(map);
    const url = `${dev.origin}/static/app.js`;
    const first = await symbolicateEvent(served(url), { sourceRoots: [] });
    expect(mapped(first.event)).toHaveLength(4);
    expect(mapped(first.event).every((f) => f.context_line === undefined)).toBe(true);
    expect(first.notes[0]).toMatchObject({ kind: 'fetch-failed', reason: expect.stringContaining(`could not fetch original source ${dev.origin}/src/`) as unknown });
    expect(first.notes[0]?.reason).toContain('HTTP 404');
    expect(sourceRequests()).toHaveLength(3);
    await symbolicateEvent(served(url), { sourceRoots: [] });
    expect(sourceRequests()).toHaveLength(3);
    // The source appears; once the failure is forgotten the stored (mapped) event gets its context.
    serveSources('');
    vi.setSystemTime(Date.now() + FAILURE_MS);
    const later = await symbolicateEvent(first.event, { sourceRoots: [], scrape: { explain: true } });
    expect(later.changed).toBe(true);
    expect(mapped(later.event)[0]?.context_line).toBe(line('src/validate.js', 3));
  });

  it('an HTML fallback page is not taken for the source', async () => {
    serveScript(map);
    for (const file of Object.keys(FIXTURE_SOURCES)) dev.routes.set(`/${file}`, { body: '<!doctype html><html><body>app</body></html>', headers: { 'content-type': 'text/html' } });
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(mapped(event)[0]?.context_line).toBeUndefined();
    expect(notes[0]?.reason).toContain('answered an HTML page');
  });

  it('a server that holds the socket: the fetch times out within the budget and is remembered', async () => {
    serveScript(map);
    serveSources('');
    dev.routes.set('/src/validate.js', { hang: true });
    const url = `${dev.origin}/static/app.js`;
    const started = performance.now();
    const { event, notes } = await symbolicateEvent(served(url), { sourceRoots: [] });
    expect(performance.now() - started).toBeLessThan(SCRAPE_BUDGET_MS + 500);
    const frames = mapped(event);
    expect(frames[0]?.context_line).toBeUndefined();
    expect(frames[1]?.context_line).toBe(line('src/cart.js', frames[1]?.lineno ?? 0));
    expect(notes.map((n) => n.reason)).toEqual([`no source context: could not fetch original source ${dev.origin}/src/validate.js: no answer within ${FETCH_TIMEOUT_MS / 1000} s`]);
    const hung = () => dev.requests.filter((r) => r.path === '/src/validate.js').length;
    expect(hung()).toBe(1);
    await symbolicateEvent(served(url), { sourceRoots: [] });
    expect(hung()).toBe(1);
  });

  it('a source on a host nobody allowed is not fetched, nor said (the frame stays mapped)', async () => {
    serveScript({ ...map, sourceRoot: 'https://cdn.example.com/' });
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(mapped(event)).toHaveLength(4);
    expect(mapped(event)[0]?.context_line).toBeUndefined();
    expect(notes).toEqual([]);
    expect(sourceRequests()).toEqual([]);
  });

  it('a Source folder map whose sources are URLs on this machine: fetched when the folder lacks them', async () => {
    const folder = path.join(dir, 'dist');
    await writeFile(`${js}.map`, JSON.stringify({ ...map, sourceRoot: `${dev.origin}/`, sources: map.sources.map((s) => s.replace('../', '')) }));
    serveSources('');
    try {
      const { event, notes } = await symbolicateEvent(sent, { sourceRoots: [folder] });
      expect(notes).toEqual([]);
      expect(mapped(event)[0]).toMatchObject({ function: 'validate', context_line: line('src/validate.js', 3) });
      expect(mapped(event)[0]?.data).toMatchObject({ resolved_with: 'source-mapping-url', sourcemap: `${js}.map` });
      expect(sourceRequests()).toContain('/src/validate.js');
    } finally {
      await writeFile(`${js}.map`, JSON.stringify(map));
    }
  });
});

describe('where an original source is fetched from', () => {
  const mapUrl = 'http://localhost:8080/static/js/app.js.map';
  it.each([
    ['http://localhost:8080/src/x.ts', null, 'http://localhost:8080/src/x.ts'],
    ['webpack://shop/src/x.ts', './src/x.ts', 'http://localhost:8080/static/js/src/x.ts'],
    ['webpack:///src/x.ts', 'src/x.ts', 'http://localhost:8080/static/js/src/x.ts'],
    ['webpack://shop/x.ts', null, null],
    ['turbopack:///[project]/app/page.tsx', 'app/page.tsx', 'http://localhost:8080/static/js/app/page.tsx'],
    ['/home/me/shop/src/x.ts', null, null],
    ['file:///home/me/shop/src/x.ts', null, null],
  ])('%s (named %s) → %s', (absPath, filename, url) => {
    expect(originalSourceUrl(absPath, filename, mapUrl)).toBe(url);
  });

  it('a webpack:// source of a map on disk has no URL to join to', () => {
    expect(originalSourceUrl('webpack://shop/src/x.ts', './src/x.ts', null)).toBeNull();
  });
});
