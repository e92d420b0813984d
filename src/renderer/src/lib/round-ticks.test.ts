import { describe, expect, it } from 'vitest';
import { roundTicks } from './round-ticks';

describe('roundTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten, from 0 to the duration', () => {
    expect(roundTicks(173.4)).toEqual([0, 50, 100, 150]);
    expect(roundTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(roundTicks(9.3)).toEqual([0, 2, 4, 6, 8]);
    expect(roundTicks(0.42)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(roundTicks(12_345)).toEqual([0, 2000, 4000, 6000, 8000, 10_000, 12_000]);
    expect(roundTicks(800)).toEqual([0, 200, 400, 600, 800]);
  });

  it('gives nothing for a duration that is not positive and finite', () => {
    expect(roundTicks(0)).toEqual([]);
    expect(roundTicks(-5)).toEqual([]);
    expect(roundTicks(Number.NaN)).toEqual([]);
    expect(roundTicks(Infinity)).toEqual([]);
  });
});
