import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { symbolicateEvent } from './index';
import { bundle, captureCheckoutError, FIXTURE_SOURCES, makeProject, projectFrames } from './test-support';

let dir: string;
beforeAll(async () => {
  dir = await makeProject('lookout-formats-');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * What every correctly mapped checkout error looks like, newest frame first. `filename` is the
 * map's source as Sentry names it (esbuild writes `../src/x.js`, relative to the map).
 */
function expectCheckoutFrames(frames: SentryFrame[], resolvedWith: string, prefix = '../'): void {
  expect(frames.map((f) => [f.filename, f.lineno, f.function])).toEqual([
    [`${prefix}src/validate.js`, 3, 'validate'],
    [`${prefix}src/cart.js`, 18, 'priceOf'],
    [`${prefix}src/cart.js`, 11, 'Cart.total'],
    [`${prefix}src/main.js`, 5, 'checkout'],
  ]);
  for (const f of frames) {
    const rel = path.relative(dir, String(f.abs_path));
    expect(f.context_line).toBe(FIXTURE_SOURCES[rel]?.split('\n')[(f.lineno ?? 0) - 1]);
    expect(f.data?.resolved_with).toBe(resolvedWith);
  }
}

async function symbolicated(event: SentryEvent): Promise<SentryFrame[]> {
  const { event: out, notes } = await symbolicateEvent(event, { sourceRoots: [dir] });
  expect(notes).toEqual([]);
  return projectFrames(out, dir);
}

const DEBUG_ID = '3c1b2a5e-7f64-4d2b-9a41-0c6e8f7d5b21';
/** What the Sentry bundler plugins inject: the stack of a new Error keyed to the build's debug id. */
const debugIdSnippet = (id: string): string =>
  `;(()=>{try{const g=globalThis;const s=new g.Error().stack;if(s){g._sentryDebugIds=g._sentryDebugIds||{};g._sentryDebugIds[s]=${JSON.stringify(id)};}}catch{}})();`;

describe('source map formats', () => {
  it('an inline data: URL map', async () => {
    const js = await bundle(dir, 'inline.js', { sourcemap: 'inline' });
    expect(await readFile(js, 'utf8')).toContain('sourceMappingURL=data:application/json;base64,');
    const frames = await symbolicated(await captureCheckoutError(js));
    expectCheckoutFrames(frames, 'source-mapping-url');
    expect(frames[0]?.data?.sourcemap).toBe(`${js} (inline)`);
  });

  it('a sibling FILE.map without a sourceMappingURL comment', async () => {
    const js = await bundle(dir, 'external.js', { sourcemap: 'external' });
    expect(await readFile(js, 'utf8')).not.toContain('sourceMappingURL');
    expectCheckoutFrames(await symbolicated(await captureCheckoutError(js)), 'sibling');
  });

  it('an index map (sections) hand-built from two real maps', async () => {
    // first section: a separate bundle that is never called; second: the checkout code
    const first = await bundle(dir, 'part1.js', { entryPoints: [path.join(dir, 'src/validate.js')], format: 'iife', globalName: 'first' });
    const second = await bundle(dir, 'part2.js', { format: 'iife', globalName: 'second' });
    const code1 = await readFile(first, 'utf8');
    const code2 = await readFile(second, 'utf8');
    expect(code1.endsWith('\n')).toBe(true);
    const combined = path.join(dir, 'dist/combined.js');
    await writeFile(combined, `${code1}${code2}module.exports = second;\n//# sourceMappingURL=combined.js.map\n`);
    const indexMap = {
      version: 3,
      file: 'combined.js',
      sections: [
        { offset: { line: 0, column: 0 }, map: JSON.parse(await readFile(`${first}.map`, 'utf8')) as unknown },
        { offset: { line: code1.split('\n').length - 1, column: 0 }, map: JSON.parse(await readFile(`${second}.map`, 'utf8')) as unknown },
      ],
    };
    await writeFile(`${combined}.map`, JSON.stringify(indexMap));
    const event = await captureCheckoutError(combined);
    expect(projectFrames(event, dir)[0]?.lineno).toBe(code1.split('\n').length);
    expectCheckoutFrames(await symbolicated(event), 'source-mapping-url');
  });

  it('a map with sourceRoot whose sources exist only on disk', async () => {
    const js = await bundle(dir, 'rooted.js', { sourcemap: true, sourcesContent: false });
    const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string; sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
    map.sources = map.sources.map((s) => s.replace(/^\.\.\//, ''));
    map.sourceRoot = '../';
    await writeFile(`${js}.map`, JSON.stringify(map));
    expectCheckoutFrames(await symbolicated(await captureCheckoutError(js)), 'source-mapping-url');
  });

  it('webpack:// sources found through the source roots', async () => {
    const js = await bundle(dir, 'webpacky.js', { sourcemap: true, sourcesContent: false });
    const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as { sources: string[] };
    map.sources = map.sources.map((s) => `webpack://fixture/./${s.replace(/^\.\.\//, '')}`);
    await writeFile(`${js}.map`, JSON.stringify(map));
    const frames = await symbolicated(await captureCheckoutError(js));
    // Sentry cuts webpack's namespace and names the module after the original path.
    expectCheckoutFrames(frames, 'source-mapping-url', './');
    expect(frames.map((f) => f.module)).toEqual(['src/validate', 'src/cart', 'src/cart', 'src/main']);
  });

  it('a debug id: the SDK reports it in debug_meta and the map is found by it alone', async () => {
    const js = await bundle(dir, 'withid.js', { banner: { js: debugIdSnippet(DEBUG_ID) } });
    await writeFile(js, `${await readFile(js, 'utf8')}//# debugId=${DEBUG_ID}\n`);
    // the map moves away from its file, carrying the id, so only the id can find it
    await mkdir(path.join(dir, 'maps'), { recursive: true });
    const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(dir, 'maps/renamed.map'), JSON.stringify({ ...map, debugId: DEBUG_ID }));
    await rm(`${js}.map`);
    const event = await captureCheckoutError(js);
    expect(event.debug_meta?.images).toContainEqual({ type: 'sourcemap', code_file: js, debug_id: DEBUG_ID });
    const frames = await symbolicated(event);
    expectCheckoutFrames(frames, 'debug-id');
    expect(frames[0]?.data?.sourcemap).toBe(path.join(dir, 'maps/renamed.map'));
  });

  it('a map whose debug id differs from the event is refused with the reason', async () => {
    const js = await bundle(dir, 'stale.js', { sourcemap: true, banner: { js: debugIdSnippet(DEBUG_ID.replace('3c1b', '4d2c')) } });
    const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
    await writeFile(`${js}.map`, JSON.stringify({ ...map, debugId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }));
    const event = await captureCheckoutError(js);
    const { event: out, notes } = await symbolicateEvent(event, { sourceRoots: [dir] });
    const top = projectFrames(out, dir)[0];
    expect(top?.function).toBe(projectFrames(event, dir)[0]?.function);
    expect(String(top?.data?.sourcemap_error)).toMatch(/has debug id aaaaaaaabbbb4ccc8dddeeeeeeeeeeee, the event expects 4d2c/);
    expect(notes.length).toBe(4);
  });

  it('a map that appears after ingest is used when the event is symbolicated again', async () => {
    const js = await bundle(dir, 'later.js', { sourcemap: 'external' });
    const hidden = path.join(dir, 'later.map.hidden');
    await rename(`${js}.map`, hidden);
    const first = await symbolicateEvent(await captureCheckoutError(js), { sourceRoots: [dir] });
    expect(projectFrames(first.event, dir)[0]?.data?.symbolicated).toBeUndefined();
    await rename(hidden, `${js}.map`);
    const second = await symbolicateEvent(first.event, { sourceRoots: [dir] });
    expect(second.changed).toBe(true);
    expectCheckoutFrames(projectFrames(second.event, dir), 'sibling');
  });
});
