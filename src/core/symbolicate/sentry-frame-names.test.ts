import { describe, expect, it } from 'vitest';
import { foldFunctionName, generateModule, joinPaths, mappedFileNames, mappedFunctionName } from './sentry-frame-names';

// Expected values are the cases symbolicator's own tests (crates/symbolicator-js/src/utils.rs) pin.
describe('Sentry names for a mapped JavaScript frame', () => {
  it('generateModule drops host, query, extension, build/version/hash folders and hash suffixes', () => {
    const cases: [string, string][] = [
      ['http://example.com/foo.js', 'foo'],
      ['http://example.com/js/foo/bar.js', 'foo/bar'],
      ['http://example.com/v1.0.0/foo/bar.js', 'foo/bar'],
      ['http://example.com/_baz/foo/bar.js', 'foo/bar'],
      ['http://example.com/abcdef0/foo/bar.js', 'foo/bar'],
      ['http://example.com/7d6d00eae0ceccdc7ee689659585d95f/foo/bar.js', 'foo/bar'],
      ['http://example.com/foo/bar.js?v=1234', 'foo/bar'],
      ['../../foo/bar.ts', 'foo/bar'],
      ['/foo/bar-7d6d00eae0ceccdc7ee689659585d95f.js', 'foo/bar'],
      ['/node_modules/foo/bar.js', 'foo/bar'],
      ['http://example.com/vendor.92cd589eca8235e7b373bf5ae94ebf898e3b949c.js', 'vendor'],
      ['/a/javascripts/application-bundle-149360d3414c26adac3febdf6832e25c.min.js', 'a/javascripts/application-bundle'],
      ['https://example.com/libs/libs-20150417171659.min.js', 'libs/libs'],
      ['app:///example/92cd589eca8235e7b373bf5ae94ebf898e3b949c/vendor.js', 'vendor'],
      ['~/app/components/projectHeader/projectSelector.jsx', 'app/components/projectHeader/projectSelector'],
    ];
    expect(cases.map(([p]) => [p, generateModule(p)])).toEqual(cases);
  });

  it('joinPaths resolves a source against the map URL or path like symbolicator', () => {
    const base = 'https://example.com/path/to/assets/bundle.min.js?foo=1&bar=baz#wat';
    expect(joinPaths(base, '../sourcemaps/bundle.min.js.map')).toBe('https://example.com/path/to/sourcemaps/bundle.min.js.map');
    expect(joinPaths(base, '~/foo.js')).toBe('https://example.com/foo.js');
    expect(joinPaths(base, '.././.././to/./sourcemaps/./bundle.min.js.map')).toBe('https://example.com/path/to/sourcemaps/bundle.min.js.map');
    expect(joinPaths('/home/foo/bar/baz.js', '../sourcemaps/bundle.min.js.map')).toBe('/home/foo/sourcemaps/bundle.min.js.map');
    expect(joinPaths('/home/foo/bar/baz.js', '~/foo.js')).toBe('/foo.js');
    expect(joinPaths('http://example.com', 'webpack:///../node_modules/a.js')).toBe('webpack:///../node_modules/a.js');
    expect(joinPaths('app:///_next/static/chunks/pages/_app-569c402ef19f6d7b.js.map', './node_modules/@sentry/browser/esm/integrations/trycatch.js'))
      .toBe('app:///_next/static/chunks/pages/node_modules/@sentry/browser/esm/integrations/trycatch.js');
    expect(joinPaths('apsunknown://example.com/foo', '//aha/uhu')).toBe('apsunknown://aha/uhu');
  });

  it('a webpack or turbopack source loses its namespace and names the module; a file path names none', () => {
    expect(mappedFileNames('webpack://app/./src/cart.js', 'http://localhost:3000/main.js.map'))
      .toEqual({ filename: './src/cart.js', absPath: 'webpack://app/./src/cart.js', module: 'src/cart' });
    expect(mappedFileNames('webpack:///../node_modules/@sentry/browser/esm/helpers.js', 'app:///main.js').filename)
      .toBe('../node_modules/@sentry/browser/esm/helpers.js');
    expect(mappedFileNames('turbopack:///[project]/app/page.tsx', 'http://localhost:3000/x.js'))
      .toMatchObject({ filename: 'app/page.tsx', module: 'app/page' });
    expect(mappedFileNames('../src/cart.js', 'http://localhost:3000/static/js/main.js.map'))
      .toEqual({ filename: '../src/cart.js', absPath: 'http://localhost:3000/static/src/cart.js', module: 'src/cart' });
    // @sentry/node's own module (`dist:bundle`) is left in place for local paths, as Sentry merges it.
    expect(mappedFileNames('../src/cart.js', '/home/me/app/dist/bundle.js.map'))
      .toEqual({ filename: '../src/cart.js', absPath: '/home/me/app/src/cart.js', module: null });
  });

  it('the function: scope name, else the call site for an unnamed scope, else the minified name', () => {
    expect(mappedFunctionName('n', { kind: 'named', name: 'Cart.total' }, 'ignored')).toBe('Cart.total');
    expect(mappedFunctionName('n', { kind: 'anonymous' }, 'task')).toBe('task');
    expect(mappedFunctionName('n', { kind: 'anonymous' }, null)).toBe('n');
    expect(mappedFunctionName(undefined, { kind: 'anonymous' }, null)).toBe('<anonymous>');
    expect(mappedFunctionName(undefined, { kind: 'named', name: '__webpack_require__' }, 'load')).toBe('load');
    expect(mappedFunctionName('Object.run', { kind: 'unknown' }, 'task')).toBe('Object.run');
    expect(mappedFunctionName(undefined, { kind: 'unknown' }, 'task')).toBe('<unknown>');
  });

  it('folds repeated name parts before the last one', () => {
    expect(['foo.foo', 'foo.foo.foo', 'bar.foo.foo.onError', 'bar.bar.bar.foo.foo.onError'].map(foldFunctionName))
      .toEqual(['foo.foo', '{foo#2}.foo', 'bar.{foo#2}.onError', '{bar#3}.{foo#2}.onError']);
  });
});
