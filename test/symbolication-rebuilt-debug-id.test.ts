/**
 * A bundle rebuilt under the same file name with a new debug id: the old event keeps its minified
 * frames, with the reason (its build's map is gone), and is never mapped with the new build's map;
 * the new build's event is mapped. Real esbuild bundles carrying debug ids as Sentry's bundler
 * plugins write them, thrown under real @sentry/node in a fresh process per build (one process
 * would keep the first build in its module cache and the SDK its first debug id).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import type { SentryEvent, SentryFrame } from '../src/shared/sentry';
import { buildApp, FIXTURE_SOURCES, makeProject } from './helpers/node-app';
import { runSdkApp } from './helpers/sdk-app';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const OLD_ID = '7a1c3e2b-5d4f-4b6a-9c8d-0e1f2a3b4c5d';
const NEW_ID = '2e8d4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a';
const OLD_ID_HEX = OLD_ID.replaceAll('-', '');

let dir: string;
let maps: string;
let lookout: TestLookout;
let dsn2: string;
let js: string;
let oldEvent: string;
/** The old event's bundle frames as stored at ingest (unmapped). */
let sent: SentryFrame[] = [];

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** The bundle's frames: as sent, or mapped (then they name their map). */
const appFrames = (e: SentryEvent): SentryFrame[] => (e.exception?.values?.at(-1)?.stacktrace?.frames ?? [])
  .filter((f) => f.filename === js || typeof f.data?.sourcemap === 'string');
const eventOf = (id: string) => lookout.api<EventDetail>(`events/${id}`);

/** Runs the bundle's `checkout` with a bad item under @sentry/node in a new process; the event id. */
async function throwInFreshProcess(): Promise<string> {
  const script = path.join(dir, 'run.cjs');
  await writeFile(script, [
    `const Sentry = require(${JSON.stringify(createRequire(import.meta.url).resolve('@sentry/node'))});`,
    'Sentry.init({ dsn: process.env.DSN, defaultIntegrations: false });',
    `const app = require(${JSON.stringify(js)});`,
    'let id = null;',
    "try { app.checkout([{ name: 'ink', price: -1, qty: 2 }]); } catch (err) { id = Sentry.captureException(err); }",
    "Sentry.flush(10000).then((ok) => { if (ok && id) console.log(JSON.stringify({ name: 'error', id })); });",
  ].join('\n'));
  const run = await runSdkApp(process.execPath, [script], { DSN: dsn2 });
  const id = run.ids.get('error');
  if (!id) throw new Error(`the app sent no event: ${run.stderr}`);
  return id;
}

beforeAll(async () => {
  dir = await makeProject('lookout-rebuilt-');
  lookout = await startTestLookout();
  dsn2 = lookout.dsn.replace(/\/1$/, '/2');
  js = await buildApp(dir, 'assets', { minify: true, debugId: OLD_ID });
  // The map sits outside the project, where only its debug id (once the roots reach it) finds it.
  maps = await mkdtemp(path.join(tmpdir(), 'lookout-rebuilt-maps-'));
  await rename(`${js}.map`, path.join(maps, 'old.map'));
  oldEvent = await throwInFreshProcess();
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(dir, { recursive: true, force: true });
  await rm(maps, { recursive: true, force: true });
});

describe('a bundle rebuilt under the same name with a new debug id', () => {
  it('the old build maps its event once the source roots reach its map', async () => {
    const stored = await eventOf(oldEvent);
    expect(stored.payload.debug_meta?.images).toContainEqual({ type: 'sourcemap', code_file: js, debug_id: OLD_ID });
    // No source roots at ingest: kept minified; once the project's roots reach the map, mapped at view time.
    sent = appFrames(stored.payload);
    expect(sent.some((f) => f.data?.symbolicated === true)).toBe(false);
    expect(appFrames(stored.payload).at(-1)?.data?.sourcemap_error_kind).toBe('debug-id');
    await lookout.api('projects/2/settings', json('PUT', { sourceRoots: [maps] }));
    const viewed = await eventOf(oldEvent);
    expect(viewed.resymbolicated).toBe(true);
    expect(appFrames(viewed.payload).at(-1)).toMatchObject({ function: 'validate', lineno: 3, data: { resolved_with: 'debug-id', sourcemap: path.join(maps, 'old.map') } });
  });

  it('after the rebuild, the old event stays minified with the reason, not mapped by the new map', async () => {
    // Two lines more at the top of validate.js: the new map puts every position elsewhere.
    await writeFile(path.join(dir, 'src/validate.js'), `// rebuilt\n// with a new debug id\n${FIXTURE_SOURCES['src/validate.js']}`);
    await buildApp(dir, 'assets', { minify: true, debugId: NEW_ID });
    // The old build's map is gone, as a clean rebuild leaves it.
    await rm(path.join(maps, 'old.map'));
    const viewed = await eventOf(oldEvent);
    expect(viewed.resymbolicated).toBe(false);
    const frames = appFrames(viewed.payload);
    expect(frames.length).toBe(4);
    for (const [i, frame] of frames.entries()) {
      expect(frame.data?.symbolicated).toBeUndefined();
      expect(frame.filename).toBe(js);
      // The context the SDK read from its own build, none from the other build.
      expect(frame.context_line).toBe(sent[i]?.context_line);
      expect(frame.data?.sourcemap_error_kind).toBe('debug-id');
      expect(String(frame.data?.sourcemap_error)).toContain(`no source map with debug id ${OLD_ID_HEX}`);
      expect(String(frame.data?.sourcemap_error)).toContain(`it carries debug id ${NEW_ID.replaceAll('-', '')}`);
    }
  });

  it("the new build's event is mapped by its own map", async () => {
    const fresh = await eventOf(await throwInFreshProcess());
    expect(fresh.payload.debug_meta?.images).toContainEqual({ type: 'sourcemap', code_file: js, debug_id: NEW_ID });
    const top = appFrames(fresh.payload).at(-1);
    expect(top).toMatchObject({ function: 'validate', lineno: 5, data: { sourcemap: `${js}.map`, symbolicated: true } });
    // Found by its id in the index, or (the index rescans at most every 2 s) through the bundle that carries it.
    expect(['debug-id', 'sibling']).toContain(top?.data?.resolved_with);
  });
});
