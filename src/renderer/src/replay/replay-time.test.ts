import { describe, expect, it } from 'vitest';
import type { ReplayMarkerInfo } from '../../../shared/api-types';
import { activeMarkerIndex, durationLabel, errorLinkTime, formatClock, percentAt, sliderKeyTarget, startOffset } from './replay-time';

const START = 1_795_378_776_248;

describe('replay clock', () => {
  it('opens an error link a little before the error, inside the recording', () => {
    const error = START + 12_000;
    expect(startOffset(errorLinkTime(error), START, 30_000)).toBe(7000);
    // An error in the first seconds opens at the start, one after the end at the end.
    expect(startOffset(errorLinkTime(START + 2000), START, 30_000)).toBe(0);
    expect(startOffset(START + 90_000, START, 30_000)).toBe(30_000);
  });

  it('takes small values as offsets and ignores odd ones', () => {
    expect(startOffset(2500, START, 30_000)).toBe(2500);
    expect(startOffset(undefined, START, 30_000)).toBe(0);
    expect(startOffset(Number.NaN, START, 30_000)).toBe(0);
    expect(startOffset(-4, START, 30_000)).toBe(0);
  });

  it('formats clocks', () => {
    expect(formatClock(7_900)).toBe('0:07');
    expect(formatClock(750_000)).toBe('12:30');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('places offsets on the timeline', () => {
    expect(percentAt(2500, 10_000)).toBe(25);
    expect(percentAt(20_000, 10_000)).toBe(100);
    expect(percentAt(5, 0)).toBe(0);
  });

  it('finds the marker the playhead has passed', () => {
    const markers: ReplayMarkerInfo[] = [1000, 2000, 2000, 5000].map((t, i) => ({ timestamp: START + t, kind: 'click', label: String(i) }));
    expect(activeMarkerIndex(markers, START, 500)).toBe(-1);
    expect(activeMarkerIndex(markers, START, 2000)).toBe(2);
    expect(activeMarkerIndex(markers, START, 4999)).toBe(2);
    expect(activeMarkerIndex(markers, START, 60_000)).toBe(3);
    expect(activeMarkerIndex([], START, 60_000)).toBe(-1);
  });

  it('says "No recording" for a replay without segments, whatever times its replay_event gave', () => {
    expect(durationLabel(0, 1_384_965)).toBe('No recording');
    expect(durationLabel(0, null)).toBe('No recording');
    expect(durationLabel(3, 1_384_965)).toBe('23:04');
    expect(durationLabel(1, null)).toBe('—');
  });
});

describe('timeline keys', () => {
  it('moves one second per arrow, 5 % with Shift or Page keys, and stays inside the replay', () => {
    expect(sliderKeyTarget('ArrowRight', false, 0, 5000)).toBe(1000);
    expect(sliderKeyTarget('ArrowUp', false, 4500, 5000)).toBe(5000);
    expect(sliderKeyTarget('ArrowLeft', false, 500, 5000)).toBe(0);
    expect(sliderKeyTarget('ArrowRight', true, 0, 600_000)).toBe(30_000);
    expect(sliderKeyTarget('PageDown', false, 60_000, 600_000)).toBe(30_000);
    // 5 % of a short replay is under a second: Shift never moves less than a plain arrow.
    expect(sliderKeyTarget('ArrowRight', true, 0, 5000)).toBe(1000);
    expect(sliderKeyTarget('End', false, 0, 5000)).toBe(5000);
    expect(sliderKeyTarget('Home', false, 3000, 5000)).toBe(0);
    expect(sliderKeyTarget('a', false, 0, 5000)).toBeNull();
  });
});
