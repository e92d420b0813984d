import { mkdtemp, realpath, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { clearMapCache, mapCacheStats, symbolicateEvent } from './index';
import { setMapEngine } from './map-engine';
import { buildLargeBundle, captureError, framesOfEvent, projectFrames } from './test-support';

const SERVICES = 40;
let dir: string;
let js: string;
let map: string;
let deepEvent: SentryEvent;

/** One event whose stack holds the bundle frames of many real captured errors. */
async function captureMany(): Promise<SentryEvent> {
  const frames: SentryFrame[] = [];
  let first: SentryEvent | null = null;
  for (let n = 0; n < SERVICES; n++) {
    const event = await captureError(js, (mod) => {
      const Service = mod[`Service${n}`] as new (name: string) => { run(list: unknown[]): unknown };
      new Service('svc').run([]);
    });
    first ??= event;
    frames.push(...projectFrames(event, dir).reverse());
  }
  const base = structuredClone(first as SentryEvent);
  const exception = base.exception?.values?.[0];
  if (exception?.stacktrace) exception.stacktrace.frames = frames;
  return base;
}

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'lookout-cache-')));
  await writeFile(path.join(dir, 'package.json'), '{"name":"large"}\n');
  ({ js, map } = await buildLargeBundle(dir));
  deepEvent = await captureMany();
}, 120_000);
afterAll(async () => {
  setMapEngine('source-map');
  await rm(dir, { recursive: true, force: true });
});

describe('parsed map cache', () => {
  it('the fixture map is about 5 MB and the event has many frames in it', async () => {
    expect((await stat(map)).size).toBeGreaterThan(4.5e6);
    expect(framesOfEvent(deepEvent).length).toBe(SERVICES * 2);
  });

  it('parses a 5 MB map once for all frames, and not again for the next event', async () => {
    clearMapCache();
    const parses = mapCacheStats.parses;
    const { event } = await symbolicateEvent(deepEvent, { sourceRoots: [dir] });
    expect(mapCacheStats.parses - parses).toBe(1);
    const frames = framesOfEvent(event);
    for (let n = 0; n < SERVICES; n++) {
      expect(frames[2 * n]).toMatchObject({ filename: `../src/mod${n}.js`, function: `Service${n}.run`, lineno: 163 });
      expect(frames[2 * n + 1]).toMatchObject({ filename: `../src/mod${n}.js`, function: `compute_${n}_0`, lineno: 4 });
      expect(frames[2 * n + 1]?.context_line).toBe(`    throw new Error('empty input in module ${n} function 0');`);
    }
    await symbolicateEvent(deepEvent, { sourceRoots: [dir] });
    expect(mapCacheStats.parses - parses).toBe(1);
  });

  it('parses again after the map file changes (mtime)', async () => {
    await symbolicateEvent(deepEvent, { sourceRoots: [dir] });
    const parses = mapCacheStats.parses;
    const later = new Date(Date.now() + 60_000);
    await utimes(map, later, later);
    await symbolicateEvent(deepEvent, { sourceRoots: [dir] });
    expect(mapCacheStats.parses - parses).toBe(1);
    await symbolicateEvent(deepEvent, { sourceRoots: [dir] });
    expect(mapCacheStats.parses - parses).toBe(1);
  });

  it('the trace-mapping fallback engine gives the same frames', async () => {
    const viaWasm = (await symbolicateEvent(deepEvent, { sourceRoots: [dir] })).event;
    setMapEngine('trace-mapping');
    clearMapCache();
    const viaJs = (await symbolicateEvent(deepEvent, { sourceRoots: [dir] })).event;
    setMapEngine('source-map');
    expect(framesOfEvent(viaJs)).toEqual(framesOfEvent(viaWasm));
    expect(framesOfEvent(viaJs).every((f) => f.data?.symbolicated === true)).toBe(true);
  });
});
