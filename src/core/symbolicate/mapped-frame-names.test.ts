import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { computeGrouping } from '../grouping';
import { symbolicateEvent } from './index';
import { bundle, captureError, framePath, makeProject, projectFrames } from './test-support';

/** ESM sources (Vite bundles ESM): the error passes through an unnamed callback. */
const SOURCES: Record<string, string> = {
  'src/pricing.js': [
    'export function lineTotal(line) {',
    '  const unit = line.price.amount;',
    '  return unit * line.qty;',
    '}',
    '',
  ].join('\n'),
  'src/checkout.js': [
    "import { lineTotal } from './pricing.js';",
    '',
    'export function withRetry(task) {',
    '  return task();',
    '}',
    '',
    'export function checkout(lines) {',
    '  return withRetry(function () {',
    '    return lines.reduce((sum, line) => sum + lineTotal(line), 0);',
    '  });',
    '}',
    '',
  ].join('\n'),
};

const ORIGIN = 'http://localhost:4173';
let dir: string;
let viteBundle: string;

beforeAll(async () => {
  dir = await makeProject('lookout-names-');
  for (const [rel, text] of Object.entries(SOURCES)) await writeFile(path.join(dir, rel), text);
  await mkdir(path.join(dir, 'dist'), { recursive: true });
  await build({
    root: dir, configFile: false, logLevel: 'silent',
    build: {
      outDir: 'dist/assets', emptyOutDir: false, sourcemap: true, minify: 'esbuild',
      lib: { entry: path.join(dir, 'src/checkout.js'), formats: ['cjs'], fileName: () => 'app.cjs' },
    },
  });
  viteBundle = path.join(dir, 'dist/assets/app.cjs');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const badCart = (mod: Record<string, unknown>): void => {
  (mod.checkout as (lines: unknown[]) => unknown)([{ price: { amount: 2 }, qty: 1 }, { qty: 1 }]);
};

/** The bundle's frames as a browser reports them when the app serves dist/ at ORIGIN. */
function servedFromOrigin(event: SentryEvent): SentryEvent {
  const copy = structuredClone(event);
  for (const f of copy.exception?.values?.[0]?.stacktrace?.frames ?? []) {
    if (framePath(f) !== viteBundle) continue;
    const url = `${ORIGIN}/${path.relative(path.join(dir, 'dist'), viteBundle)}`;
    f.abs_path = url;
    f.filename = url;
    delete f.module;
  }
  return copy;
}

function bundleFrames(event: SentryEvent): SentryFrame[] {
  return (event.exception?.values?.[0]?.stacktrace?.frames ?? []).filter((f) => f.data?.symbolicated === true).reverse();
}

describe('mapped frames are named as Sentry names them', () => {
  it('a Vite bundle served over HTTP: filename as the map writes it, module made from the original URL', async () => {
    const event = servedFromOrigin(await captureError(viteBundle, badCart));
    const { event: out, notes } = await symbolicateEvent(event, { sourceRoots: [path.join(dir, 'dist')] });
    expect(notes).toEqual([]);
    const frames = bundleFrames(out);
    expect(frames.map((f) => [f.filename, f.module, f.function, f.lineno])).toEqual([
      ['../../src/pricing.js', 'src/pricing', 'lineTotal', 2],
      // an arrow function called by native code: no call site to name it, so the SDK's `?` stays
      ['../../src/checkout.js', 'src/checkout', '?', 9],
      // the unnamed callback takes the name its caller's call site gives it
      ['../../src/checkout.js', 'src/checkout', 'task', 9],
      ['../../src/checkout.js', 'src/checkout', 'withRetry', 4],
      ['../../src/checkout.js', 'src/checkout', 'checkout', 8],
    ]);
    // abs_path stays the file on this machine, for the editor and more context
    expect(frames[0]?.abs_path).toBe(path.join(dir, 'src/pricing.js'));
  });

  it('grouping reads the mapped module (module takes precedence over the filename)', async () => {
    const event = servedFromOrigin(await captureError(viteBundle, badCart));
    const { event: out } = await symbolicateEvent(event, { sourceRoots: [path.join(dir, 'dist')] });
    const json = JSON.stringify(computeGrouping({ ...out, platform: 'javascript' }).variants);
    expect(json).toContain('"src/pricing"');
    expect(json).toContain('ignored because module takes precedence');
  });

  it('@sentry/node frames from an esbuild bundle keep the SDK module, as Sentry merges them', async () => {
    const js = await bundle(dir, 'server.js', { entryPoints: [path.join(dir, 'src/checkout.js')], format: 'cjs', sourcemap: true });
    const event = await captureError(js, badCart);
    const sent = projectFrames(event, dir);
    expect(sent[0]?.module).toBeTruthy();
    const { event: out } = await symbolicateEvent(event, { sourceRoots: [dir] });
    const frames = bundleFrames(out);
    expect(frames.map((f) => [f.filename, f.module])).toEqual(sent.map((f) => [expect.stringMatching(/^\.\.\/src\/(pricing|checkout)\.js$/), f.module]));
    expect(frames.map((f) => f.function)).toContain('task');
  });
});
