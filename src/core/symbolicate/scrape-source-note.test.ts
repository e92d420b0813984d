/**
 * A mapped frame whose original source could not be fetched (its map embeds no `sourcesContent`)
 * says why on the issue page's copy (`explain`), and never in what ingest stores: real
 * @sentry/node events of an esbuild bundle, a real HTTP server standing in for the dev server.
 */
import { readFile, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { clearScrapeCache, symbolicateEvent } from './index';
import { startDevServer, type DevServer } from './scrape-test-server';
import { bundle, captureCheckoutError, framesOfEvent, makeProject, servedAt } from './test-support';

let dir: string;
let js: string;
let code: string;
let map: { sources: string[]; sourceRoot?: string };
let sent: SentryEvent;
let dev: DevServer;

beforeAll(async () => {
  dir = await makeProject('lookout-scrape-source-note-');
  js = await bundle(dir, 'app.js', { sourcemap: true, sourcesContent: false });
  code = await readFile(js, 'utf8');
  map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as typeof map;
  sent = await captureCheckoutError(js);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => { clearScrapeCache(); dev = await startDevServer(); });
afterEach(async () => { await dev.close(); });

/** The event as a browser would send it: the bundle's frames at `url`. */
const served = (url: string): SentryEvent => servedAt(sent, js, url);
const serveScript = (mapJson: object): void => {
  dev.routes.set('/static/app.js', { body: code });
  dev.routes.set('/static/app.js.map', { body: JSON.stringify(mapJson), headers: { 'content-type': 'application/json' } });
};
const topMapped = (event: SentryEvent): SentryFrame | undefined => framesOfEvent(event).filter((f) => f.data?.symbolicated === true).at(-1);

describe('a mapped frame without context lines says why, on view only', () => {
  it('an original source answering 404: the view\'s frame says so, what ingest stores does not', async () => {
    serveScript(map);
    const url = `${dev.origin}/static/app.js`;
    const stored = (await symbolicateEvent(served(url), { sourceRoots: [] })).event;
    expect(topMapped(stored)?.context_line).toBeUndefined();
    expect(topMapped(stored)?.data).not.toHaveProperty('source_context_error');

    clearScrapeCache();
    const viewed = (await symbolicateEvent(stored, { sourceRoots: [], scrape: { explain: true } })).event;
    const frame = topMapped(viewed);
    expect(frame?.context_line).toBeUndefined();
    expect(frame?.data).toMatchObject({ source_context_error_kind: 'fetch-failed' });
    expect(frame?.data?.source_context_error).toBe(`could not fetch original source ${dev.origin}/src/validate.js: HTTP 404`);
    // The view worked on a copy: the stored payload is as it was.
    expect(topMapped(stored)?.data).not.toHaveProperty('source_context_error');
  });

  it('an original source on a host not allowed: the view says the host is not fetched from', async () => {
    serveScript({ ...map, sourceRoot: 'http://10.0.0.5:5173/', sources: map.sources.map((s) => s.replace('../', '')) });
    const viewed = (await symbolicateEvent(served(`${dev.origin}/static/app.js`), { sourceRoots: [], scrape: { explain: true } })).event;
    expect(topMapped(viewed)?.data).toMatchObject({ source_context_error_kind: 'host-not-allowed' });
    expect(topMapped(viewed)?.data?.source_context_error).toContain('10.0.0.5:5173 is not on this machine');
    expect(dev.requests.map((r) => r.path).filter((p) => p.startsWith('/src/'))).toEqual([]);
  });
});
