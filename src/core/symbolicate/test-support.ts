/**
 * Test fixtures shared by this folder's tests and benchmark: small real projects bundled with
 * esbuild, and real @sentry/node events captured from running them. Not used by the app.
 */
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import * as Sentry from '@sentry/node';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';

export const FIXTURE_SOURCES: Record<string, string> = {
  'src/validate.js': [
    'const validate = (item) => {',
    '  if (item.price < 0) {',
    '    throw new Error(`negative price for ${item.name}`);',
    '  }',
    '};',
    '',
    'module.exports = { validate };',
    '',
  ].join('\n'),
  'src/cart.js': [
    "const { validate } = require('./validate.js');",
    '',
    'class Cart {',
    '  constructor(items) {',
    '    this.items = items;',
    '  }',
    '',
    '  total() {',
    '    let sum = 0;',
    '    for (const item of this.items) {',
    '      sum += priceOf(item);',
    '    }',
    '    return sum;',
    '  }',
    '}',
    '',
    'function priceOf(item) {',
    '  validate(item);',
    '  return item.price * item.qty;',
    '}',
    '',
    'module.exports = { Cart };',
    '',
  ].join('\n'),
  'src/main.js': [
    "const { Cart } = require('./cart.js');",
    '',
    'function checkout(items) {',
    '  const cart = new Cart(items);',
    '  return cart.total();',
    '}',
    '',
    'module.exports = { checkout };',
    '',
  ].join('\n'),
};

/** A temporary project folder (realpath'd, since macOS tmp is a symlink) with the fixture sources. */
export async function makeProject(prefix = 'lookout-sym-'): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
  await writeFile(path.join(dir, 'package.json'), '{"name":"fixture","private":true}\n');
  for (const [rel, text] of Object.entries(FIXTURE_SOURCES)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** Bundles and minifies src/main.js into dist/<name> with esbuild's JS API. */
export async function bundle(dir: string, name: string, options: esbuild.BuildOptions = {}): Promise<string> {
  const outfile = path.join(dir, 'dist', name);
  await esbuild.build({
    entryPoints: [path.join(dir, 'src/main.js')],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: 'external',
    platform: 'node',
    logLevel: 'silent',
    ...options,
  });
  return outfile;
}

const captured: SentryEvent[] = [];
let initialised = false;

/** Runs checkout() from `moduleFile` with a bad item under real @sentry/node and returns the event. */
export async function captureCheckoutError(moduleFile: string): Promise<SentryEvent> {
  return captureError(moduleFile, (mod) => {
    const checkout = mod.checkout as (items: unknown[]) => unknown;
    checkout([{ name: 'pen', price: 2, qty: 1 }, { name: 'ink', price: -1, qty: 2 }]);
  });
}

/** Loads a CommonJS module, runs `use` on its exports under real @sentry/node, returns the event. */
export async function captureError(moduleFile: string, use: (mod: Record<string, unknown>) => void): Promise<SentryEvent> {
  if (!initialised) {
    Sentry.init({
      dsn: 'http://k@127.0.0.1:1/1',
      beforeSend(event) {
        captured.push(event as SentryEvent);
        return null;
      },
    });
    initialised = true;
  }
  const before = captured.length;
  const load = createRequire(import.meta.url);
  const mod = load(moduleFile) as Record<string, unknown>;
  // Vitest installs a stack-trace hook that applies source maps itself; a plain `node app.js`
  // has none, so format this stack with V8's default (the stack is cached on first access).
  const errorCtor = Error as { prepareStackTrace?: unknown };
  const hook = errorCtor.prepareStackTrace;
  errorCtor.prepareStackTrace = undefined;
  try {
    use(mod);
  } catch (err) {
    void (err as Error).stack;
    Sentry.captureException(err);
  } finally {
    errorCtor.prepareStackTrace = hook;
  }
  await Sentry.flush(5000);
  const event = captured[before];
  if (!event) throw new Error('@sentry/node did not capture the error');
  return event;
}

export function framesOfEvent(event: SentryEvent, exception = 0): SentryFrame[] {
  return event.exception?.values?.[exception]?.stacktrace?.frames ?? [];
}

/** The frame's path: @sentry/node sends only `filename`; symbolicated frames get `abs_path`. */
export function framePath(f: SentryFrame): string {
  return String(f.abs_path ?? f.filename);
}

/** Frames newest first, only those from `dir`. */
export function projectFrames(event: SentryEvent, dir: string): SentryFrame[] {
  return framesOfEvent(event)
    .filter((f) => framePath(f).startsWith(`${dir}/`))
    .reverse();
}

/**
 * Writes `modules` generated modules (20 functions and a class each) and bundles them minified
 * with an external map; 450 modules give a map of about 5 MB.
 */
export async function buildLargeBundle(dir: string, modules = 450): Promise<{ js: string; map: string }> {
  await mkdir(path.join(dir, 'src'), { recursive: true });
  const index: string[] = [];
  for (let m = 0; m < modules; m++) {
    let body = '';
    for (let f = 0; f < 20; f++) {
      body += `export function compute_${m}_${f}(input, options = {}) {\n  const values = input.map((value, index) => value * ${f + 1} + index);\n`;
      body += `  if (options.strict && values.length === 0) {\n    throw new Error('empty input in module ${m} function ${f}');\n  }\n`;
      body += `  return values.reduce((total, value) => total + value, ${m});\n}\n\n`;
    }
    body += `export class Service${m} {\n  constructor(name) { this.name = name; }\n  run(list) { return compute_${m}_0(list, { strict: true }); }\n}\n`;
    await writeFile(path.join(dir, 'src', `mod${m}.js`), body);
    index.push(`export * from './mod${m}.js';`);
  }
  await writeFile(path.join(dir, 'src', 'index.js'), index.join('\n'));
  const js = path.join(dir, 'dist', 'app.cjs');
  await esbuild.build({ entryPoints: [path.join(dir, 'src/index.js')], outfile: js, bundle: true, minify: true, sourcemap: 'external', platform: 'node', format: 'cjs', logLevel: 'silent' });
  return { js, map: `${js}.map` };
}

/** A deterministic pseudo-random generator, so "random" positions are the same every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `sent` as a browser would send it with the bundle `js` served at `url`: its frames there, the rest untouched. */
export function servedAt(sent: SentryEvent, js: string, url: string): SentryEvent {
  const copy = structuredClone(sent);
  for (const f of framesOfEvent(copy)) {
    if (framePath(f) !== js) continue;
    f.abs_path = url;
    f.filename = url;
    delete f.module;
  }
  return copy;
}
