import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innermostScope, scanFunctionScopes, type FunctionScope } from './function-scopes';
import { bundle, makeProject } from './test-support';

const nameOf = (s: FunctionScope | null): string | null => (s ? `${s.isConstructor ? 'new ' : ''}${s.name.map((t) => t.text).join('.')}` : null);

/** Scope name at the first occurrence of `marker` in `code`. */
function scopeAt(code: string, marker: string): string | null {
  const at = code.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  return nameOf(innermostScope(scanFunctionScopes(code), at));
}

describe('scanFunctionScopes', () => {
  it('names declarations, methods, constructors, arrows and function expressions', () => {
    const code = [
      'class Cart { constructor(i) { this.i = i; CTOR } total() { return TOTAL } static make() { MAKE } }',
      'function outer() { const inner = (a) => { INNER }; OUTER }',
      'var expr = function () { EXPR };',
      'const obj = { method() { METHOD }, prop: function () { PROP } };',
      'let arrow = x => ARROW, after = 1; TOP',
      'var named = function realName() { REAL };',
      'class { anon() { ANON } }',
    ].join('\n');
    expect(scopeAt(code, 'CTOR')).toBe('new Cart');
    expect(scopeAt(code, 'TOTAL')).toBe('Cart.total');
    expect(scopeAt(code, 'MAKE')).toBe('Cart.make');
    expect(scopeAt(code, 'INNER')).toBe('inner');
    expect(scopeAt(code, 'OUTER')).toBe('outer');
    expect(scopeAt(code, 'EXPR')).toBe('expr');
    expect(scopeAt(code, 'METHOD')).toBe('method');
    expect(scopeAt(code, 'PROP')).toBe('prop');
    expect(scopeAt(code, 'ARROW')).toBe('arrow');
    expect(scopeAt(code, 'TOP')).toBeNull();
    expect(scopeAt(code, 'REAL')).toBe('realName');
    expect(scopeAt(code, 'ANON')).toBe('anon');
  });

  it('is not fooled by braces in strings, templates, regexes and comments', () => {
    const code = [
      'function a() {',
      '  const s = "}{"; const t = `}${ {x: "}"}.x }{`; const r = /[}{]/g; // }',
      '  /* } */ const d = 4 / 2 / 1;',
      '  if (s) { return HERE }',
      '}',
      'function b() { B }',
    ].join('\n');
    expect(scopeAt(code, 'HERE')).toBe('a');
    expect(scopeAt(code, 'B')).toBe('b');
  });

  it('treats control-flow blocks as blocks', () => {
    const code = 'function f(x) { if (x) { for (;;) { while (x) { switch (x) { case 1: { catchMe() } } } } } try { T } catch (e) { C } }';
    expect(scopeAt(code, 'catchMe')).toBe('f');
    expect(scopeAt(code, 'T')).toBe('f');
    expect(scopeAt(code, ' C ')).toBe('f');
  });

  it('survives unbalanced and hostile input without throwing', () => {
    for (const code of ['}}}}))', '((((', '`${', '/', '"unterminated', 'class', '=>', 'function(', '{'.repeat(20_000)]) {
      expect(() => scanFunctionScopes(code)).not.toThrow();
    }
  });

  describe('on real esbuild output', () => {
    let dir: string;
    let code: string;
    beforeAll(async () => {
      dir = await makeProject('lookout-scopes-');
      code = await readFile(await bundle(dir, 'b.js'), 'utf8');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('finds the minified function around each throw and call', () => {
      // the minified names differ per build; the shapes do not
      expect(scopeAt(code, 'throw new Error')).toMatch(/^[\w$]+$/);
      expect(scopeAt(code, 'this.items=')).toMatch(/^new [\w$]+$/);
      expect(scopeAt(code, 'for(let')).toMatch(/^[\w$]+\.total$/);
    });
  });
});
