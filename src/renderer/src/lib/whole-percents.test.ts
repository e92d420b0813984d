import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholePercents } from './whole-percents';

describe('wholePercents', () => {
  it('adds up to 100 where rounding each share would make 101 or 99', () => {
    // 37.5 + 37.5 + 25 rounds to 38 + 38 + 25 = 101 one by one.
    expect(wholePercents([3, 3, 2], 8)).toEqual([38, 37, 25]);
    // 33.3 three times rounds to 99.
    expect(wholePercents([1, 1, 1], 3)).toEqual([34, 33, 33]);
    expect(wholePercents([5], 5)).toEqual([100]);
  });

  it('counts what is not shown as one more share, so the shown ones and it make 100', () => {
    // Shown 3 and 3 of 8: the hidden 2 take 25, the shown ones what is left.
    expect(wholePercents([3, 3], 8)).toEqual([38, 37]);
    expect(wholePercents([1, 1], 200)).toEqual([1, 0]);
  });

  it('reads odd input as nothing rather than NaN', () => {
    expect(wholePercents([], 0)).toEqual([]);
    expect(wholePercents([0, 0], 0)).toEqual([0, 0]);
    expect(wholePercents([Number.NaN, 2], Number.NaN)).toEqual([0, 100]);
    expect(wholePercents([4, -1], 2)).toEqual([100, 0]);
  });

  it('always adds up to 100 when every value is shown, and never moves a share by a point or more', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (counts) => {
      const total = counts.reduce((a, b) => a + b, 0);
      fc.pre(total > 0);
      const percents = wholePercents(counts, total);
      expect(percents.reduce((a, b) => a + b, 0)).toBe(100);
      percents.forEach((p, i) => expect(Math.abs(p - (counts[i]! / total) * 100)).toBeLessThan(1));
    }));
  });
});
