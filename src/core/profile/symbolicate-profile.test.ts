import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SourceMapConsumer, type RawSourceMap } from 'source-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileResponse } from '../../shared/api-profile';
import { profileAnswer } from './profile-answer';

const URL_BASE = 'http://127.0.0.1:4000/static/app.js';
const DEBUG_ID = '0c5e3f2a-1b4d-4e6f-8a9b-7c6d5e4f3a2b';
const SOURCE = [
  'export function computeShippingQuote(n) {',
  '  let x = 0;',
  '  for (let i = 0; i < n; i++) x += Math.sqrt(i);',
  '  return x;',
  '}',
  'export function renderCheckout(n) {',
  '  return [n].map((k) => computeShippingQuote(k))[0];',
  '}',
  '',
].join('\n');

let root: string;
/** Where each function begins in the minified bundle as V8's profiler says it: its parameter list (1-based line and column). */
const starts = new Map<string, { line: number; col: number }>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lookout-profile-maps-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'shop.js'), SOURCE);
  const js = join(root, 'dist', 'static', 'app.js');
  await build({ entryPoints: [join(root, 'src', 'shop.js')], outfile: js, bundle: true, minify: true, format: 'iife', globalName: 'shop',
    sourcemap: 'external', logLevel: 'silent' });
  const map = JSON.parse(readFileSync(`${js}.map`, 'utf8')) as RawSourceMap;
  writeFileSync(`${js}.map`, JSON.stringify({ ...map, debugId: DEBUG_ID }));
  // As the Sentry bundler plugins leave it: the bundle names its debug id too.
  writeFileSync(js, `${readFileSync(js, 'utf8')}\n//# debugId=${DEBUG_ID}\n`);
  const code = readFileSync(js, 'utf8').split('\n');
  await SourceMapConsumer.with(map, null, (consumer) => {
    code.forEach((text, i) => {
      for (const m of text.matchAll(/function (\w+)\(/g)) {
        const original = consumer.originalPositionFor({ line: i + 1, column: m.index + 'function '.length }).name;
        if (original) starts.set(original, { line: i + 1, col: m.index + m[0].length });
      }
    });
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A v2 chunk as @sentry/browser sends it: frames by URL, line and column, the bundle's debug id in `debug_meta`. */
function chunk(): string {
  const quote = starts.get('computeShippingQuote')!;
  const render = starts.get('renderCheckout')!;
  const frames = [
    { function: 'a', abs_path: URL_BASE, lineno: quote.line, colno: quote.col },
    { function: 'b', abs_path: URL_BASE, lineno: render.line, colno: render.col },
    { function: '(program)' },
  ];
  const t0 = 1_700_000_000;
  return JSON.stringify({
    version: '2', platform: 'javascript', profiler_id: 'a'.repeat(32), chunk_id: 'b'.repeat(32), release: 'web@1',
    debug_meta: { images: [{ type: 'sourcemap', code_file: URL_BASE, debug_id: DEBUG_ID }] },
    profile: {
      frames, stacks: [[0, 1], [2]], thread_metadata: { 0: { name: 'main' } },
      samples: [0, 1, 2, 3].map((i) => ({ stack_id: i === 3 ? 1 : 0, thread_id: '0', timestamp: t0 + i * 0.01 })),
    },
  });
}

async function answer(sourceRoots?: string[]): Promise<ProfileResponse> {
  const out = await profileAnswer([{ data: Buffer.from(chunk()), label: 'chunk' }], [], sourceRoots ? { sourceRoots } : {}, { kind: 'profile_chunk', itemSeqs: [1] });
  return JSON.parse(out.json.toString('utf8')) as ProfileResponse;
}

describe('source-mapped JS profiles', () => {
  it('names frames by the original function and file, keeping the minified ones', async () => {
    const profile = await answer([join(root, 'dist')]);
    const names = profile.frames.map((f) => f.name);
    expect(names).toContain('computeShippingQuote');
    const quote = profile.frames.find((f) => f.name === 'computeShippingQuote')!;
    expect(quote.file).toMatch(/src\/shop\.js$/);
    expect(quote.line).toBe(1);
    expect(quote.minified).toEqual({ name: 'a', file: URL_BASE, line: starts.get('computeShippingQuote')!.line });
    const render = profile.frames.find((f) => f.name === 'renderCheckout')!;
    expect(render.file).toMatch(/src\/shop\.js$/);
    expect(render.line).toBe(6);
    expect(render.minified?.name).toBe('b');
    // Native frames stay as sent.
    expect(profile.frames.find((f) => f.name === '(program)')?.minified).toBeUndefined();
    // The slowest-functions table reads the mapped name.
    const thread = profile.threads[0]!;
    expect(thread.functions.map((fn) => profile.frames[fn.frame]!.name)).toContain('computeShippingQuote');
  });

  it('leaves the frames as sent when no folder holds the maps', async () => {
    const profile = await answer();
    expect(profile.frames.map((f) => f.name)).toEqual(['a', 'b', '(program)']);
    expect(profile.frames.every((f) => f.minified === undefined)).toBe(true);
  });
});
