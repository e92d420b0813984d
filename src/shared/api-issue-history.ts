/**
 * An issue's events over time: the issue page's chart (`GET /_lookout/api/issues/:id/history?period=14d`)
 * and the issue list's 14-day trend. Buckets are whole UTC hours or UTC days, as Sentry's tsdb rolls
 * its counts up on epoch-aligned intervals (`GroupStatsMixin.STATS_PERIOD_CHOICES`: `24h` = 24 × 1 h,
 * `14d` = 14 × 1 d): https://github.com/getsentry/sentry/blob/master/src/sentry/api/serializers/models/group.py
 */

/** The issue page chart's periods; `all` runs from the issue's first day. */
export const HISTORY_PERIODS = ['24h', '7d', '14d', '30d', 'all'] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];

/** The issue list's trend column, Sentry's "Graph: 24h | 14d". */
export const TREND_PERIODS = ['24h', '14d'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Event counts per UTC day, oldest first: `counts[i]` is the day starting at `startMs + i × DAY_MS`. */
export interface DailyCounts {
  startMs: number;
  counts: number[];
}

export interface HistoryBucket {
  /** Start of the bucket, epoch ms (UTC-aligned). */
  start: number;
  count: number;
  /** Distinct users among the stored events of the bucket; absent when not counted (see `usersCounted`). */
  users?: number;
}

export interface IssueHistory {
  period: HistoryPeriod;
  /** Width of each bucket, ms: an hour, a day, or several days for a long `all`. */
  bucketMs: number;
  /** End of the chart (the end of the current bucket), epoch ms. */
  end: number;
  buckets: HistoryBucket[];
  firstSeen: number;
  lastSeen: number;
  /** False when the period holds too many events to count their users quickly; then no bucket has `users`. */
  usersCounted: boolean;
}
