import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatePaths, locateFile } from './locate-file';
import { makeProject } from './test-support';

let dir: string;
beforeAll(async () => {
  dir = await makeProject('lookout-locate-');
  await mkdir(path.join(dir, 'dist/assets'), { recursive: true });
  await writeFile(path.join(dir, 'dist/assets/index-3f9a.js'), 'console.log(1);\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const scope = (): { roots: string[] } => ({ roots: [dir] });

describe('locateFile maps frame paths and URLs to local files', () => {
  it.each([
    ['an absolute path', () => path.join(dir, 'src/cart.js'), 'src/cart.js'],
    ['a file:// URL', () => `file://${dir}/src/cart.js`, 'src/cart.js'],
    ['webpack://namespace/./path', () => 'webpack://fixture/./src/cart.js', 'src/cart.js'],
    ['webpack:///./path', () => 'webpack:///./src/main.js', 'src/main.js'],
    ['webpack-internal:///./path', () => 'webpack-internal:///./src/main.js', 'src/main.js'],
    ['app:/// (Electron)', () => 'app:///src/validate.js', 'src/validate.js'],
    ['a Vite dev URL with a query', () => 'http://localhost:5173/src/cart.js?t=1712345678', 'src/cart.js'],
    ['a Vite /@fs/ URL', () => `http://localhost:5173/@fs${dir}/src/cart.js`, 'src/cart.js'],
    ['a built asset served from dist', () => 'http://127.0.0.1:4173/assets/index-3f9a.js', 'dist/assets/index-3f9a.js'],
    ['a relative path', () => 'src/main.js', 'src/main.js'],
  ])('%s', async (_name, ref, expected) => {
    expect(await locateFile(ref(), scope())).toBe(path.join(dir, expected));
  });

  it.each([
    ['node internals', 'node:internal/modules/run_main'],
    ['anonymous code', '<anonymous>'],
    ['native code', '[native code]'],
    ['a file that does not exist', 'http://localhost:5173/src/nope.js'],
    ['.. out of the root in a URL', 'http://localhost:3000/../../etc/passwd'],
    ['.. out of the root in webpack://', 'webpack:///../../etc/passwd'],
    ['.. in a relative path', '../../etc/passwd'],
    ['an absolute path outside the roots', '/etc/passwd'],
    ['not a string', 42],
  ])('nothing for %s', async (_name, ref) => {
    expect(await locateFile(ref, scope())).toBeNull();
  });

  it('candidatePaths never climbs out of a root', () => {
    for (const ref of ['http://x/a/../../../b.js', 'webpack://ns/../x.js', 'app:///../x.js', '../x.js']) {
      for (const c of candidatePaths(ref, ['/r'])) expect(c.startsWith('/r/')).toBe(true);
    }
  });
});
