import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholePercents } from './whole-percents';

describe('wholePercents', () => {
  it('adds up to 100 where rounding each share would make 101 or 99', () => {
    // 12.5 + 37.5 + 50 rounds to 13 + 38 + 50 = 101 one by one.
    expect(wholePercents([1, 3, 4], 8)).toEqual([12, 38, 50]);
    // 16.7 + 16.7 + 66.7 rounds to 17 + 17 + 67 = 101.
    expect(wholePercents([1, 1, 4], 6)).toEqual([17, 17, 66]);
    expect(wholePercents([5], 5)).toEqual([100]);
  });

  it('shows equal counts as equal, to a tenth, where the point would split them', () => {
    expect(wholePercents([3, 3, 2], 8)).toEqual([37.5, 37.5, 25]);
    expect(wholePercents([1, 1, 1], 3)).toEqual([33.3, 33.3, 33.3]);
  });

  it('counts what is not shown as one more share, so the shown ones and it make 100', () => {
    // Shown 3 and 3 of 8: the hidden 2 take 25, the shown ones what is left.
    expect(wholePercents([3, 2], 8)).toEqual([38, 25]);
    expect(wholePercents([1, 1], 200)).toEqual([0.5, 0.5]);
  });

  it('reads odd input as nothing rather than NaN', () => {
    expect(wholePercents([], 0)).toEqual([]);
    expect(wholePercents([0, 0], 0)).toEqual([0, 0]);
    expect(wholePercents([Number.NaN, 2], Number.NaN)).toEqual([0, 100]);
    expect(wholePercents([4, -1], 2)).toEqual([100, 0]);
  });

  it('adds up to 100 (whole) or within a few tenths (tenths), equal counts equal, never a point off a share', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (counts) => {
      const total = counts.reduce((a, b) => a + b, 0);
      fc.pre(total > 0);
      const percents = wholePercents(counts, total);
      const sum = percents.reduce((a, b) => a + b, 0);
      if (percents.every(Number.isInteger)) expect(sum).toBe(100);
      else expect(Math.abs(sum - 100)).toBeLessThan(0.05 * counts.length + 1e-9);
      percents.forEach((p, i) => expect(Math.abs(p - (counts[i]! / total) * 100)).toBeLessThan(1));
      counts.forEach((c, i) => counts.forEach((d, j) => { if (c === d) expect(percents[i]).toBe(percents[j]); }));
    }));
  });
});
