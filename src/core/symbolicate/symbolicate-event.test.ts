import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { detectSourceRoots, symbolicateEvent } from './index';
import { bundle, captureCheckoutError, FIXTURE_SOURCES, framePath, makeProject, projectFrames } from './test-support';

let dir: string;
let minified: SentryEvent;
let unminified: SentryEvent;

beforeAll(async () => {
  dir = await makeProject();
  minified = await captureCheckoutError(await bundle(dir, 'bundle.js', { sourcemap: true }));
  unminified = await captureCheckoutError(path.join(dir, 'src/main.js'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function sourceLine(rel: string, lineno: number | undefined): string | undefined {
  return FIXTURE_SOURCES[rel]?.split('\n')[(lineno ?? 0) - 1];
}

const lastName = (fn: unknown): string => String(fn).split('.').pop() ?? '';

describe('symbolicateEvent with a real @sentry/node event from an esbuild bundle', () => {
  it('the SDK saw only minified frames', () => {
    const frames = projectFrames(minified, dir);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    for (const f of frames) expect(framePath(f)).toBe(path.join(dir, 'dist/bundle.js'));
  });

  it('resolves file, line, column, function and context of every bundle frame', async () => {
    const { event, changed, notes } = await symbolicateEvent(minified, { sourceRoots: [dir] });
    expect(changed).toBe(true);
    expect(notes).toEqual([]);
    const frames = projectFrames(event, dir);
    // filename as the map names its source (Sentry's), abs_path the file on this machine
    expect(frames.map((f) => [f.filename, f.function])).toEqual([
      ['../src/validate.js', 'validate'],
      ['../src/cart.js', 'priceOf'],
      ['../src/cart.js', 'Cart.total'],
      ['../src/main.js', 'checkout'],
    ]);
    for (const f of frames) {
      const rel = String(f.filename).slice('../'.length);
      expect(f.abs_path).toBe(path.join(dir, rel));
      expect(f.context_line).toBe(sourceLine(rel, f.lineno));
      expect(f.pre_context).toEqual(FIXTURE_SOURCES[rel]?.split('\n').slice(Math.max(0, (f.lineno ?? 0) - 6), (f.lineno ?? 0) - 1));
      expect(f.data).toMatchObject({ sourcemap: path.join(dir, 'dist/bundle.js.map'), resolved_with: 'source-mapping-url', symbolicated: true });
    }
    expect(frames[0]?.context_line).toContain('throw new Error(`negative price');
  });

  it('agrees with the unminified run of the same source on lines, columns and names', async () => {
    const { event } = await symbolicateEvent(minified, { sourceRoots: [dir] });
    const mapped = projectFrames(event, dir);
    const plain = projectFrames(unminified, dir);
    expect(mapped.length).toBe(plain.length);
    mapped.forEach((f, i) => {
      const p = plain[i] as SentryFrame;
      expect([f.abs_path, f.lineno, f.colno, f.context_line]).toEqual([framePath(p), p.lineno, p.colno, p.context_line]);
      // V8 prefixes the receiver (`Object.checkout` vs the bundle's exports object), so compare
      // the function's own name as Sentry's grouping does; the top frames match exactly.
      expect(lastName(f.function)).toBe(lastName(p.function));
    });
    expect(mapped.slice(0, 3).map((f) => f.function)).toEqual(plain.slice(0, 3).map((f) => f.function));
  });

  it('keeps the minified frames in raw_stacktrace and leaves the input untouched', async () => {
    const before = JSON.stringify(minified);
    const { event } = await symbolicateEvent(minified, { sourceRoots: [dir] });
    expect(JSON.stringify(minified)).toBe(before);
    const raw = event.exception?.values?.[0]?.raw_stacktrace?.frames;
    expect(raw).toEqual(minified.exception?.values?.[0]?.stacktrace?.frames);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const first = await symbolicateEvent(minified, { sourceRoots: [dir] });
    const second = await symbolicateEvent(first.event, { sourceRoots: [dir] });
    expect(second.changed).toBe(false);
    expect(second.event).toBe(first.event);
  });

  it('without source roots the map is not readable, and the frame says why', async () => {
    const { event, notes } = await symbolicateEvent(minified, { sourceRoots: [] });
    const top = projectFrames(event, dir)[0];
    expect(top && framePath(top)).toBe(path.join(dir, 'dist/bundle.js'));
    expect(String(top?.data?.sourcemap_error)).toContain('outside the source roots');
    expect(notes.length).toBe(projectFrames(event, dir).length);
  });

  it('detectSourceRoots finds the project folder from the in-app frames', () => {
    // the other in-app frame is this test file, whose project is the Lookout checkout
    expect(detectSourceRoots(minified)).toEqual(expect.arrayContaining([dir]));
    expect(detectSourceRoots(minified)).not.toContain(path.join(dir, 'dist'));
  });

  it('never throws on hostile input', async () => {
    const junk: unknown[] = [
      null,
      42,
      { exception: 'x' },
      { exception: { values: [null, { stacktrace: { frames: [null, 1, { abs_path: 7, lineno: 'x' }, { abs_path: '<anonymous>' }] } }] } },
      { exception: { values: [{ stacktrace: { frames: [{ abs_path: path.join(dir, 'dist/bundle.js'), lineno: -3, colno: 1e12 }] } }] }, debug_meta: { images: 'no' } },
    ];
    for (const j of junk) {
      const r = await symbolicateEvent(j as SentryEvent, { sourceRoots: [dir] });
      expect(r.event).toBeDefined();
    }
    const bad = await symbolicateEvent(junk[4] as SentryEvent, { sourceRoots: [dir] });
    expect(bad.notes[0]?.reason).toContain('no line number');
  });
});
