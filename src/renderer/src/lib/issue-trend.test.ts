import { describe, expect, it } from 'vitest';
import type { IssueSummary } from '../../../shared/api-types';
import { DAY_MS } from '../../../shared/api-issue-history';
import { dailyCountsOf, withLoadedTrend } from './issue-trend';

const NOW = Date.UTC(2026, 10, 24, 5, 30); // 05:30 UTC: the last 24 hours reach back into Nov 23
const firstDay = Date.UTC(2026, 10, 11);
const hours = (set: Record<number, number>) => Array.from({ length: 24 }, (_, i) => set[i] ?? 0);

describe('the 14-day trend of a row', () => {
  it('takes today from the hourly counts and the other days from what the list loaded', () => {
    const loaded = { startMs: firstDay, counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 2] };
    // Index 23 is the hour of 05:00 on the 24th; index 17 is 23:00 on the 23rd; 18 is 00:00 on the 24th.
    const days = dailyCountsOf({ dailyTrend: loaded, sparkline: hours({ 17: 3, 18: 1, 23: 5 }) }, NOW);
    expect(days).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 6]);
  });

  it('shifts days loaded before midnight, and starts from the hours alone for a row that came live', () => {
    const loadedYesterday = { startMs: firstDay - DAY_MS, counts: [9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7] };
    expect(dailyCountsOf({ dailyTrend: loadedYesterday, sparkline: hours({ 23: 2 }) }, NOW)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 2]);
    expect(dailyCountsOf({ sparkline: hours({ 0: 1, 23: 2 }) }, NOW)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });

  it('keeps the loaded days through a live update, which carries only hours', () => {
    const loaded = { id: 1, count: 3, sparkline: hours({}), dailyTrend: { startMs: firstDay, counts: new Array<number>(14).fill(1) } } as unknown as IssueSummary;
    const update = { id: 1, count: 4, sparkline: hours({ 23: 1 }) } as unknown as IssueSummary;
    expect(withLoadedTrend(loaded, update)).toEqual({ ...update, dailyTrend: loaded.dailyTrend });
    expect(withLoadedTrend(undefined, update)).toBe(update);
  });
});
