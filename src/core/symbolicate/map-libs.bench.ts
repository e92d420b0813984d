/**
 * Chooses the source-map library: parse (JSON + index + first lookup) and 10,000 lookups on a
 * ~5 MB esbuild map. Run: npx vitest bench --run src/core/symbolicate
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodedMappings, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { SourceMapConsumer } from 'source-map';
import { afterAll, bench, describe } from 'vitest';
import { buildLargeBundle, seededRandom } from './test-support';

const dir = await mkdtemp(path.join(os.tmpdir(), 'lookout-bench-'));
const { map } = await buildLargeBundle(dir);
const text = await readFile(map, 'utf8');
console.log(`map size: ${(text.length / 1e6).toFixed(2)} MB`);

const needles: { line: number; column: number }[] = [];
const lines = decodedMappings(new TraceMap(text));
const rand = seededRandom(42);
while (needles.length < 10_000) {
  const li = Math.floor(rand() * lines.length);
  const segs = lines[li] ?? [];
  const seg = segs[Math.floor(rand() * segs.length)];
  if (seg) needles.push({ line: li + 1, column: seg[0] });
}
const first = needles[0] ?? { line: 1, column: 0 };
const tm = new TraceMap(text);
const sm = await new SourceMapConsumer(text);
afterAll(async () => {
  sm.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('parse a ~5 MB map and look up once', () => {
  bench('@jridgewell/trace-mapping', () => {
    originalPositionFor(new TraceMap(text), first);
  }, { iterations: 10 });
  bench('source-map 0.7', async () => {
    const c = await new SourceMapConsumer(text);
    c.originalPositionFor(first);
    c.destroy();
  }, { iterations: 10 });
});

describe('10,000 lookups on a parsed map', () => {
  bench('@jridgewell/trace-mapping', () => {
    for (const n of needles) originalPositionFor(tm, n);
  });
  bench('source-map 0.7', () => {
    for (const n of needles) sm.originalPositionFor(n);
  });
});
