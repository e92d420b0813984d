import { readFile, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { clearScrapeCache, symbolicateEvent, type ScrapeOptions } from './index';
import { startDevServer, type DevServer } from './scrape-test-server';
import { bundle, captureCheckoutError, framePath, framesOfEvent, makeProject, servedAt } from './test-support';

let dir: string;
let js: string;
let code: string;
let map: string;
let sent: SentryEvent;
let dev: DevServer;

beforeAll(async () => {
  dir = await makeProject('lookout-scrape-');
  js = await bundle(dir, 'app.js', { sourcemap: true });
  code = await readFile(js, 'utf8');
  map = await readFile(`${js}.map`, 'utf8');
  sent = await captureCheckoutError(js);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  clearScrapeCache();
  dev = await startDevServer();
});
afterEach(() => dev.close());

/** The event as a browser would send it: the bundle's frames at `url`. */
const served = (url: string): SentryEvent => servedAt(sent, js, url);

const bundleFrames = (event: SentryEvent, url: string): SentryFrame[] =>
  framesOfEvent(event).filter((f) => f.data?.symbolicated === true || framePath(f) === url).reverse();

/** The fixture's original functions, newest first, as the local-folder path maps them too. */
const ORIGINAL = [['../src/validate.js', 'validate'], ['../src/cart.js', 'priceOf'], ['../src/cart.js', 'Cart.total'], ['../src/main.js', 'checkout']];
const withoutComment = (): string => code.replace(/\/\/# sourceMappingURL=.*\n?$/, '');

async function expectMapped(scriptUrl: string, mapUrl: string, up = '../'): Promise<void> {
  const { event, notes } = await symbolicateEvent(served(scriptUrl), { sourceRoots: [] });
  expect(notes).toEqual([]);
  const frames = bundleFrames(event, scriptUrl);
  expect(frames.map((f) => [f.filename, f.function])).toEqual(ORIGINAL.map(([file, fn]) => [file?.replace('../', up), fn]));
  expect(frames[0]?.context_line).toContain('throw new Error(`negative price');
  expect(frames[0]?.data).toMatchObject({ sourcemap: mapUrl, resolved_with: 'scraping', symbolicated: true });
  // Sources resolve against the map's URL (esbuild embeds their text, so nothing more is fetched).
  expect(frames[0]?.abs_path).toBe(new URL(`${up}src/validate.js`, mapUrl).href);
}

describe('finding the map of a script fetched from the dev server', () => {
  it('a relative //# sourceMappingURL comment, joined to the script URL', async () => {
    dev.routes.set('/static/app.js', { body: code });
    dev.routes.set('/static/app.js.map', { body: map });
    await expectMapped(`${dev.origin}/static/app.js`, `${dev.origin}/static/app.js.map`);
    expect(dev.requests.map((r) => r.path)).toEqual(['/static/app.js', '/static/app.js.map']);
  });

  it('the legacy //@ form, and an absolute URL naming the host as localhost', async () => {
    dev.routes.set('/app.js', { body: `${withoutComment()}\n//@ sourceMappingURL=http://localhost:${dev.port}/maps/app.js.map\n` });
    dev.routes.set('/maps/app.js.map', { body: map.replaceAll('"../src/', '"../../src/') });
    await expectMapped(`${dev.origin}/app.js`, `http://localhost:${dev.port}/maps/app.js.map`, '../../');
  });

  it('an inline data: URL map, base64 and percent-encoded', async () => {
    const base64 = `data:application/json;base64,${Buffer.from(map).toString('base64')}`;
    dev.routes.set('/static/app.js', { body: `${withoutComment()}\n//# sourceMappingURL=${base64}\n` });
    const { event, notes } = await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [] });
    expect(notes).toEqual([]);
    expect(bundleFrames(event, '').map((f) => f.function)).toEqual(ORIGINAL.map(([, fn]) => fn));
    dev.routes.set('/static/b.js', { body: `${withoutComment()}\n//# sourceMappingURL=data:application/json,${encodeURIComponent(map)}\n` });
    const plain = await symbolicateEvent(served(`${dev.origin}/static/b.js`), { sourceRoots: [] });
    expect(bundleFrames(plain.event, '').map((f) => f.function)).toEqual(ORIGINAL.map(([, fn]) => fn));
  });

  it('the SourceMap header, then X-SourceMap, before the comment (as Sentry reads them)', async () => {
    dev.routes.set('/static/app.js', { body: withoutComment(), headers: { SourceMap: '/maps/one.map' } });
    dev.routes.set('/maps/one.map', { body: map });
    await expectMapped(`${dev.origin}/static/app.js`, `${dev.origin}/maps/one.map`);
    // The comment points at a map that is not there; the header wins.
    dev.routes.set('/static/x.js', { body: `${withoutComment()}\n//# sourceMappingURL=missing.js.map\n`, headers: { 'X-SourceMap': 'app.js.map' } });
    dev.routes.set('/static/app.js.map', { body: map });
    await expectMapped(`${dev.origin}/static/x.js`, `${dev.origin}/static/app.js.map`);
  });

  it('a local Source folder keeps precedence: the dev server is not asked', async () => {
    dev.routes.set('/app.js', { body: code });
    const { notes } = await symbolicateEvent(served(`${dev.origin}/app.js`), { sourceRoots: [`${dir}/dist`] });
    expect(notes).toEqual([]);
    expect(dev.requests).toEqual([]);
  });
});

describe('an unmapped frame says why', () => {
  async function reasons(scriptUrl: string, scrape?: ScrapeOptions): Promise<{ reason: string; kind: string }[]> {
    const { event, notes } = await symbolicateEvent(served(scriptUrl), { sourceRoots: [], ...(scrape ? { scrape } : {}) });
    const frames = framesOfEvent(event).filter((f) => framePath(f) === scriptUrl);
    expect(frames.length).toBe(4);
    for (const f of frames) expect(f.data?.symbolicated).toBeUndefined();
    for (const f of frames) expect(f.data?.sourcemap_error).toEqual(expect.any(String));
    expect(notes.length).toBe(4);
    return notes.map(({ reason, kind }) => ({ reason, kind }));
  }

  it('no sourceMappingURL', async () => {
    dev.routes.set('/app.js', { body: withoutComment() });
    const [first] = await reasons(`${dev.origin}/app.js`);
    expect(first).toEqual({ kind: 'no-source-map-url', reason: expect.stringContaining('names no source map: no //# sourceMappingURL') });
  });

  it('the map is missing (404)', async () => {
    dev.routes.set('/static/app.js', { body: code });
    const [first] = await reasons(`${dev.origin}/static/app.js`);
    expect(first).toEqual({ kind: 'fetch-failed', reason: `could not fetch source map ${dev.origin}/static/app.js.map: HTTP 404` });
  });

  it('the server answers the map URL with a page, not a map', async () => {
    dev.routes.set('/static/app.js', { body: code });
    dev.routes.set('/static/app.js.map', { body: '<!doctype html><p>SPA fallback', headers: { 'content-type': 'text/html; charset=utf-8' } });
    const [first] = await reasons(`${dev.origin}/static/app.js`);
    expect(first?.reason).toBe(`${dev.origin}/static/app.js.map: source map is not valid JSON (the server answered text/html)`);
  });

  it('the map does not cover the position (another build)', async () => {
    dev.routes.set('/static/app.js', { body: code });
    dev.routes.set('/static/app.js.map', { body: JSON.stringify({ ...JSON.parse(map), mappings: ';AAAA' }) });
    const [first] = await reasons(`${dev.origin}/static/app.js`);
    expect(first).toEqual({ kind: 'not-covered', reason: expect.stringMatching(/^no mapping for 1:\d+ in .*may not match/) });
  });

  it('the map is too large: refused on its Content-Length, before reading it', async () => {
    dev.routes.set('/static/app.js', { body: code });
    dev.routes.set('/static/app.js.map', { body: map, headers: { 'content-length': String(65 * 1024 * 1024) } });
    const [first] = await reasons(`${dev.origin}/static/app.js`);
    expect(first?.kind).toBe('too-large');
    expect(first?.reason).toContain('too large (68157440 bytes, over the 67108864-byte limit)');
  });

  it('the map lives on another host: not fetched, and the frame says so', async () => {
    dev.routes.set('/static/app.js', { body: `${withoutComment()}\n//# sourceMappingURL=https://cdn.example.com/app.js.map\n` });
    const [first] = await reasons(`${dev.origin}/static/app.js`);
    expect(first).toEqual({ kind: 'host-not-allowed', reason: expect.stringContaining('cdn.example.com is not on this machine') });
    expect(dev.requests.map((r) => r.path)).toEqual(['/static/app.js']);
  });

  it('the script itself is on another host: nothing fetched; the view says so, ingest leaves the event as sent', async () => {
    const [first] = await reasons('https://shop.example.com/static/app.js', { explain: true });
    expect(first).toEqual({ kind: 'host-not-allowed', reason: expect.stringContaining('shop.example.com is not on this machine') });
    // At ingest a production page's event is not rewritten (and stored again) only to say it was not fetched.
    const atIngest = await symbolicateEvent(served('https://shop.example.com/static/app.js'), { sourceRoots: [] });
    expect([atIngest.changed, atIngest.notes]).toEqual([false, []]);
  });

  it('the dev server is not running', async () => {
    const port = dev.port;
    await dev.close();
    dev = await startDevServer();
    const [first] = await reasons(`http://127.0.0.1:${port}/app.js`);
    expect(first).toEqual({ kind: 'fetch-failed', reason: `could not fetch script http://127.0.0.1:${port}/app.js: connection refused (is the dev server running?)` });
  });
});
