import { describe, expect, it } from 'vitest';
import type { SessionHour } from '../../../../shared/api-releases';
import { HOUR_MS, sessionAxisTicks, sessionWindow } from './session-window';

const hour = (at: number, healthy = 0): SessionHour => ({ hour: at, healthy, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 });
const LAST = Date.UTC(2026, 10, 24, 23);

describe('the release sessions chart window', () => {
  it('gives a release seen within one hour the last 24 hours, its hour last', () => {
    const window = sessionWindow([hour(LAST, 5)]);
    expect(window).toHaveLength(24);
    expect(window[0]?.hour).toBe(LAST - 23 * HOUR_MS);
    expect(window.at(-1)).toEqual(hour(LAST, 5));
    expect(window.slice(0, 23).every((h) => h.healthy === 0)).toBe(true);
  });

  it('keeps a window already a day or longer', () => {
    const week = Array.from({ length: 168 }, (_, i) => hour(LAST - (167 - i) * HOUR_MS, 1));
    expect(sessionWindow(week)).toEqual(week);
    expect(sessionWindow([])).toEqual([]);
  });

  it('labels round local hours: 4 over a day, at most about 8 over a week', () => {
    const day = sessionWindow([hour(LAST)]);
    const ticks = sessionAxisTicks(day);
    expect(ticks).toHaveLength(4);
    expect(ticks.every((t) => new Date(t.hour).getHours() % 6 === 0)).toBe(true);
    expect(ticks.every((t, i) => i === 0 || t.at > (ticks[i - 1]?.at ?? 1))).toBe(true);
    const week = Array.from({ length: 168 }, (_, i) => hour(LAST - (167 - i) * HOUR_MS));
    const weekTicks = sessionAxisTicks(week);
    expect(weekTicks.length).toBe(7);
    expect(weekTicks.every((t) => t.newDay)).toBe(true);
  });
});
