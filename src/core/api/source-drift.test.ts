import { describe, expect, it } from 'vitest';
import { findMovedLine } from './source-drift';

const FILE = ['import x', '', 'function f(a) {', '  const b = a + 1;', '  if (b > 2) throw new Error(b);', '  return b;', '}', ''];
const frame = { lineno: 5, pre_context: FILE.slice(2, 4), context_line: FILE[4], post_context: FILE.slice(5, 7) };

describe('findMovedLine', () => {
  it('finds the sent lines where they moved after lines were added above', () => {
    expect(findMovedLine(frame, ['// a', '// b', '// c', ...FILE])).toBe(8);
    expect(findMovedLine(frame, FILE)).toBe(5);
  });

  it('tolerates an edited neighbour but not a missing crash line', () => {
    const edited = [...FILE.slice(0, 3), '  const b = a + 2;', ...FILE.slice(4)];
    expect(findMovedLine(frame, ['', ...edited])).toBe(6);
    expect(findMovedLine(frame, FILE.filter((l) => !l.includes('throw')))).toBeNull();
  });

  it('prefers the full match, then the nearest copy of a repeated line', () => {
    const twice = [...FILE, ...FILE];
    expect(findMovedLine(frame, twice)).toBe(5);
    expect(findMovedLine({ ...frame, lineno: 12 }, twice)).toBe(13);
  });

  it('needs every neighbour for a blank crash line', () => {
    expect(findMovedLine({ lineno: 2, pre_context: ['import x'], context_line: '', post_context: ['nope'] }, FILE)).toBeNull();
  });
});
