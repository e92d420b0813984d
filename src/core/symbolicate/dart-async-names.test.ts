import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SourceMapGenerator } from 'source-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { symbolicateEvent } from './index';
import { dartAsyncScope } from './sentry-frame-names';
import { captureError, framePath } from './test-support';

// How dart2js compiles `Future<void> load() async { throw ... }`: the body becomes a state
// machine function named `$async$load`; the map names the original function at the throw.
const GENERATED = [
  'var $async$load = function() {',
  '  throw new Error("profile failed to load");',
  '};',
  'module.exports = { load: function() { return $async$load(); } };',
  '//# sourceMappingURL=main.dart.js.map',
  '',
].join('\n');

let dir: string;
let js: string;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'lookout-dart-')));
  js = path.join(dir, 'main.dart.js');
  const map = new SourceMapGenerator({ file: 'main.dart.js' });
  map.addMapping({ generated: { line: 1, column: 4 }, original: { line: 3, column: 13 }, source: 'lib/main.dart' });
  map.addMapping({ generated: { line: 2, column: 2 }, original: { line: 4, column: 2 }, source: 'lib/main.dart', name: 'load' });
  map.addMapping({ generated: { line: 4, column: 38 }, original: { line: 9, column: 2 }, source: 'lib/main.dart', name: 'load' });
  map.setSourceContent('lib/main.dart', ['import "dart:async";', '', 'Future<void> load() async {', '  throw StateError("profile failed to load");', '}', '', 'void main() {', '  // ...', '  load();', '}', ''].join('\n'));
  await writeFile(js, GENERATED);
  await writeFile(`${js}.map`, map.toString());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("dart2js's $async$ functions (symbolicator's special case)", () => {
  it('a mapped frame in `$async$load` is named by the map at its position: `load`', async () => {
    const event = await captureError(js, (mod) => (mod.load as () => unknown)());
    const { event: out } = await symbolicateEvent(event, { sourceRoots: [dir] });
    const thrower = (out.exception?.values?.[0]?.stacktrace?.frames ?? []).filter((f) => f.data?.symbolicated === true).at(-1);
    expect(thrower).toMatchObject({ function: 'load', filename: 'lib/main.dart', lineno: 4 });
    const raw = (out.exception?.values?.[0]?.raw_stacktrace?.frames ?? []).filter((f) => framePath(f) === js).at(-1);
    expect(raw?.function).toBe('$async$load');
  });

  it('other scopes keep their own name; without a name at the position the $async$ one stays', () => {
    expect(dartAsyncScope({ kind: 'named', name: 'Cart.total' }, 'priceOf')).toEqual({ kind: 'named', name: 'Cart.total' });
    expect(dartAsyncScope({ kind: 'named', name: '$async$load' }, null)).toEqual({ kind: 'named', name: '$async$load' });
    expect(dartAsyncScope({ kind: 'anonymous' }, 'load')).toEqual({ kind: 'anonymous' });
  });
});
