import { describe, expect, it } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import type { ExplanationNode } from './types';
import { computeGrouping, eventTitle } from './index';
import { generateJsModule, sentryAbsPath, sentryModule } from './javascript-modules';
import { corpusEvent } from './test-support/corpus';

// Inputs and outputs of Sentry's own `test_generate_module` (tests/sentry/lang/javascript/test_utils.py).
const SENTRY_CASES: [string, string][] = [
  ['http://example.com/foo.js', 'foo'],
  ['http://example.com/foo/bar.js', 'foo/bar'],
  ['http://example.com/js/foo/bar.js', 'foo/bar'],
  ['http://example.com/javascript/foo/bar.js', 'foo/bar'],
  ['http://example.com/1.0/foo/bar.js', 'foo/bar'],
  ['http://example.com/v1/foo/bar.js', 'foo/bar'],
  ['http://example.com/v1.0.0/foo/bar.js', 'foo/bar'],
  ['http://example.com/_baz/foo/bar.js', 'foo/bar'],
  ['http://example.com/1/2/3/foo/bar.js', 'foo/bar'],
  ['http://example.com/abcdef0/foo/bar.js', 'foo/bar'],
  ['http://example.com/92cd589eca8235e7b373bf5ae94ebf898e3b949c/foo/bar.js', 'foo/bar'],
  ['http://example.com/7d6d00eae0ceccdc7ee689659585d95f/foo/bar.js', 'foo/bar'],
  ['http://example.com/foo/bar.coffee', 'foo/bar'],
  ['http://example.com/foo/bar.js?v=1234', 'foo/bar'],
  ['/foo/bar.js', 'foo/bar'],
  ['/foo/bar.ts', 'foo/bar'],
  ['../../foo/bar.js', 'foo/bar'],
  ['../../foo/bar.ts', 'foo/bar'],
  ['../../foo/bar.awesome', 'foo/bar'],
  ['../../foo/bar', 'foo/bar'],
  ['/foo/bar-7d6d00eae0ceccdc7ee689659585d95f.js', 'foo/bar'],
  ['/bower_components/foo/bar.js', 'foo/bar'],
  ['/node_modules/foo/bar.js', 'foo/bar'],
  ['http://example.com/vendor.92cd589eca8235e7b373bf5ae94ebf898e3b949c.js', 'vendor'],
  ['/a/javascripts/application-bundle-149360d3414c26adac3febdf6832e25c.min.js', 'a/javascripts/application-bundle'],
  ['https://example.com/libs/libs-20150417171659.min.js', 'libs/libs'],
  ['webpack:///92cd589eca8235e7b373bf5ae94ebf898e3b949c/vendor.js', 'vendor'],
  ['app:///92cd589eca8235e7b373bf5ae94ebf898e3b949c/vendor.js', 'vendor'],
  ['app:///example/92cd589eca8235e7b373bf5ae94ebf898e3b949c/vendor.js', 'vendor'],
  ['~/app/components/projectHeader/projectSelector.jsx', 'app/components/projectHeader/projectSelector'],
];

// What the same rules make of bundlers' file names: a trailing hex hash of 7+ characters goes,
// anything else stays (so Sentry, and Lookout, keep CRA's `.chunk` names and Vite 5's base64 hashes).
const BUNDLER_CASES: [string, string][] = [
  ['http://localhost:8080/static/js/main.3f9a2c71.js', 'main'],
  ['http://localhost:8080/js/app.0d8e6c3a2f1b.js', 'app'],
  ['http://localhost:5173/assets/index-4f8a9c2e.js', 'assets/index'],
  ['http://localhost:5173/assets/index-BxT3kP9a.js', 'assets/index-BxT3kP9a'],
  ['http://localhost:3000/static/js/main.8f7c2a1b.chunk.js', 'main.8f7c2a1b.chunk'],
  ['app:///static/js/main.8b0e4d15.js', 'main'],
  ['webpack://shop/./src/cart.js', 'src/cart'],
  ['http://example.com/', '<unknown module>'],
  // Python's `re.match` on the hash folder: 32 hex characters at the start of the folder name are enough.
  ['http://example.com/7d6d00eae0ceccdc7ee689659585d95f-v2/foo.js', 'foo'],
  // Python's `\d` takes any decimal digit (here Arabic-Indic).
  ['http://example.com/v\u0661\u0662/foo.js', 'foo'],
  ['http://example.com/.hidden/foo.js', 'foo'],
  // Python's `splitext` (one extension, a name's leading dots kept) and `urlsplit` (no host, query or fragment).
  ['app:///index.android.bundle', 'index.android'],
  ['http://a/b/.c', 'b/.c'],
  ['http://a/b/..c.js', 'b/..c'],
  ['http://a/1/2.3/x.y.js#frag?q', 'x.y'],
  ['http://h', '<unknown module>'],
];

describe("Sentry's generate_module", () => {
  it.each(SENTRY_CASES)('%s → %s (Sentry test case)', (url, module) => expect(generateJsModule(url)).toBe(module));
  it.each(BUNDLER_CASES)('%s → %s', (url, module) => expect(generateJsModule(url)).toBe(module));
});

const frame = (fields: SentryFrame): SentryFrame => ({ lineno: 4, colno: 1, function: 'oops', ...fields });

describe('which frames get a module (generate_modules)', () => {
  it('a browser frame with a URL, as in Sentry’s test_ensure_module_names; a bare file name gets none', () => {
    const event: SentryEvent = { platform: 'javascript' };
    expect(sentryModule(frame({ filename: 'foo.js' }), event)).toBeUndefined();
    expect(sentryModule(frame({ abs_path: 'http://example.com/foo/bar.js', filename: 'bar.js' }), event)).toBe('foo/bar');
    // Relay moves a lone filename into abs_path first.
    expect(sentryModule(frame({ filename: 'https://example.com/js/cart.5e7a9b1c.js' }), event)).toBe('cart');
  });

  it('only http, https, webpack and app paths, on javascript and node events and frames, never over a module sent', () => {
    const js: SentryEvent = { platform: 'javascript' };
    expect(sentryModule(frame({ abs_path: 'webpack:///./src/cart.js' }), js)).toBe('src/cart');
    expect(sentryModule(frame({ abs_path: 'file:///srv/app/main.3f9a2c71.js' }), js)).toBeUndefined();
    expect(sentryModule(frame({ abs_path: 'capacitor://localhost/main.3f9a2c71.js' }), js)).toBeUndefined();
    expect(sentryModule(frame({ abs_path: 'http://example.com/foo.js', module: 'dist:bundle' }), js)).toBe('dist:bundle');
    expect(sentryModule(frame({ abs_path: 'http://example.com/foo.js' }), { platform: 'node' })).toBe('foo');
    expect(sentryModule(frame({ abs_path: 'http://example.com/foo.js' }), { platform: 'python' })).toBeUndefined();
    expect(sentryModule(frame({ abs_path: 'http://example.com/foo.js', platform: 'python' }), js)).toBeUndefined();
    expect(sentryModule(frame({ abs_path: '/srv/app/foo.js' }), { platform: 'node' })).toBeUndefined();
  });

  it('drops the `async ` an old browser SDK left in abs_path, on frames Sentry sends to symbolicator', () => {
    const js: SentryEvent = { platform: 'javascript' };
    const old = frame({ abs_path: 'async http://example.com/test.min.js', filename: 'async http://example.com/test.min.js' });
    expect(sentryAbsPath(old, js)).toBe('http://example.com/test.min.js');
    expect(sentryModule(old, js)).toBe('test');
    // No line: symbolicator never sees it, so the prefix stays (and no module).
    expect(sentryAbsPath({ ...old, lineno: 0 }, js)).toBe('async http://example.com/test.min.js');
    expect(sentryModule({ ...old, lineno: 0 }, js)).toBeUndefined();
    // On a node event such a path reads as a Node built-in, which is not sent either.
    expect(sentryAbsPath(old, { platform: 'node' })).toBe('async http://example.com/test.min.js');
  });
});

function frameNodes(event: SentryEvent): ExplanationNode[] {
  const walk = (node: ExplanationNode): ExplanationNode[] => (node.id === 'frame' ? [node] : (node.children ?? []).flatMap(walk));
  return walk(computeGrouping(event).variants[0]?.explanation as ExplanationNode);
}

/** A browser error from one build of a bundle named by content hash, at `base`. */
function buildEvent(base: string, hash: string): SentryEvent {
  const file = `${base}/static/js/main.${hash}.js`;
  return {
    platform: 'javascript',
    exception: { values: [{ type: 'Error', value: `Card charge failed (build ${hash})`, stacktrace: { frames: [
      { abs_path: file, filename: file, function: 'checkout', lineno: 3, colno: 24, in_app: true },
      { abs_path: file, filename: file, function: 'chargeCard', lineno: 2, colno: 31, in_app: true },
    ] } }] },
  };
}

describe('grouping a bundle rebuilt under a new content hash', () => {
  it.each(['app://', 'http://127.0.0.1:8080'])('%s frames: both builds hash alike, by module', (base) => {
    const [a, b] = [buildEvent(base, '3f9a2c71'), buildEvent(base, '8b0e4d15')];
    expect(computeGrouping(a).hashes).toEqual(computeGrouping(b).hashes);
    const [, thrower] = frameNodes(b);
    expect(thrower?.children?.find((c) => c.id === 'module')).toMatchObject({ values: ['main'], contributes: true });
    expect(eventTitle(b).culprit).toBe('chargeCard(main)');
  });

  it('an app:/// file name no longer counts once the module does', () => {
    const [, thrower] = frameNodes(buildEvent('app://', '8b0e4d15'));
    expect(thrower?.children?.find((c) => c.id === 'filename')).toMatchObject({ contributes: false, hint: 'ignored because module takes precedence' });
  });

  it('a Flutter web event (the corpus): its .dart URLs get modules, as in Sentry', () => {
    const event = corpusEvent('envelope_with_screenshot.bin');
    const modules = frameNodes(event).flatMap((f) => f.children?.filter((c) => c.id === 'module') ?? []);
    expect(modules.map((m) => m.values?.[0])).toContain('js_allow_interop_patch');
  });

  it('events holding nothing to read leave it alone (Sentry’s test_generate_modules_skips_none)', () => {
    const event = { exception: { values: [null, {}, { value: 'MyError', stacktrace: null }, { value: 'MyError', stacktrace: { frames: null } },
      { value: 'MyError', stacktrace: { frames: [null] } }] }, platform: 'javascript' } as unknown as SentryEvent;
    const before = JSON.stringify(event);
    // The same as on a platform the rule never applies to, and the event is not written to.
    expect(computeGrouping(event).hashes).toEqual(computeGrouping({ ...event, platform: 'python' }).hashes);
    expect(JSON.stringify(event)).toBe(before);
  });
});
