/**
 * The issue list's trend column: the last 24 hours by the hour, or the last 14 days by the UTC day
 * (Sentry's "Graph: 24h | 14d", `GroupStatsMixin.STATS_PERIOD_CHOICES`:
 * https://github.com/getsentry/sentry/blob/master/src/sentry/api/serializers/models/group_stream.py).
 * A row loaded with `trend=14d` has its days; a live update brings only the 24 hours, which cover
 * today whole, so the days are brought up to date from them here.
 */
import type { IssueSummary } from '../../../shared/api-types';
import { DAY_MS, HOUR_MS } from '../../../shared/api-issue-history';

export const TREND_DAYS = 14;

/** A live update of a loaded row keeps the days the list loaded (the message carries only hours). */
export function withLoadedTrend(loaded: IssueSummary | undefined, update: IssueSummary): IssueSummary {
  return loaded?.dailyTrend && !update.dailyTrend ? { ...update, dailyTrend: loaded.dailyTrend } : update;
}

/**
 * Events per UTC day over the 14 days ending today, oldest first. Each day is the larger of what
 * the list loaded and what the hourly counts (the last 24 hours) hold of it: both are counts of
 * that day's events seen so far, and today lies wholly in the 24 hours.
 */
export function dailyCountsOf(issue: Pick<IssueSummary, 'sparkline' | 'dailyTrend'>, now = Date.now()): number[] {
  const firstDay = Math.floor(now / DAY_MS) - TREND_DAYS + 1;
  const days = new Array<number>(TREND_DAYS).fill(0);
  const loaded = issue.dailyTrend;
  if (loaded && Array.isArray(loaded.counts) && Number.isFinite(loaded.startMs)) {
    const offset = Math.floor(loaded.startMs / DAY_MS) - firstDay;
    loaded.counts.forEach((n, i) => {
      if (typeof n === 'number' && offset + i >= 0 && offset + i < TREND_DAYS) days[offset + i] = n;
    });
  }
  const hours = Array.isArray(issue.sparkline) ? issue.sparkline : [];
  const lastHour = Math.floor(now / HOUR_MS);
  const fromHours = new Array<number>(TREND_DAYS).fill(0);
  hours.forEach((n, i) => {
    const hour = lastHour - (hours.length - 1 - i);
    const day = Math.floor(hour / 24) - firstDay;
    if (typeof n === 'number' && n > 0 && day >= 0 && day < TREND_DAYS) fromHours[day] = (fromHours[day] ?? 0) + n;
  });
  return days.map((n, i) => Math.max(n, fromHours[i] ?? 0));
}

/** Made once: `toLocaleDateString` builds a formatter per call, and every bar of every row asks. */
const utcDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 20" of a UTC day, as the trend's bars are UTC days. */
export function utcDayLabel(ms: number): string {
  return utcDay.format(ms);
}
