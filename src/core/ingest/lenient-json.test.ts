import { describe, expect, it } from 'vitest';
import { parseJsonLenient } from './lenient-json';

/** What Python's json.dumps writes for a float('nan') / float('inf') in event extra data. */
const PYTHON_EVENT =
  '{"message":"NaN in a string stays","extra":{"ratio":NaN,"upper":Infinity,"lower":-Infinity,' +
  '"list":[NaN, -Infinity,Infinity],"note":"Infinity and -Infinity \\"NaN\\" \\\\"},"level":"error"}';

describe('parseJsonLenient', () => {
  it('parses plain JSON like JSON.parse', () => {
    expect(parseJsonLenient('{"a":[1,2,{"b":null}],"c":"NaN"}')).toEqual({ a: [1, 2, { b: null }], c: 'NaN' });
  });

  it('turns Python NaN / Infinity / -Infinity outside strings into null, leaving strings alone', () => {
    expect(parseJsonLenient(PYTHON_EVENT)).toEqual({
      message: 'NaN in a string stays',
      extra: { ratio: null, upper: null, lower: null, list: [null, null, null], note: 'Infinity and -Infinity "NaN" \\' },
      level: 'error',
    });
    expect(parseJsonLenient('NaN')).toBeNull();
  });

  it('handles escaped quotes and backslashes right before a string ends', () => {
    expect(parseJsonLenient('["a\\\\",NaN,"b\\"NaN\\\\\\"",Infinity]')).toEqual(['a\\', null, 'b"NaN\\"', null]);
  });

  it('still throws a SyntaxError for text that is not JSON either way', () => {
    expect(() => parseJsonLenient('{"a":NaNa}')).toThrow(SyntaxError);
    expect(() => parseJsonLenient('{"a":1')).toThrow(SyntaxError);
    expect(() => parseJsonLenient('{"a":"NaN}')).toThrow(SyntaxError);
  });

  it('survives 100,000 levels of nesting, with and without NaN tokens to rewrite', () => {
    const depth = 100_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const deepWithNaN = '['.repeat(depth) + 'NaN' + ']'.repeat(depth);
    for (const text of [deep, deepWithNaN, '{"a":'.repeat(depth) + 'Infinity' + '}'.repeat(depth)]) {
      // V8's JSON.parse is iterative and the token rewriter is a flat loop, so all of these parse.
      const value = parseJsonLenient(text);
      let levels = 0;
      for (let node = value; Array.isArray(node) || (typeof node === 'object' && node !== null); levels++) {
        node = Array.isArray(node) ? node[0] : (node as Record<string, unknown>).a;
      }
      expect(levels).toBe(depth);
    }
  });
});
