import type { DB } from '../store/db';
import {
  DAY_MS, HISTORY_PERIODS, HOUR_MS, type DailyCounts, type HistoryBucket, type HistoryPeriod, type IssueHistory,
} from '../../shared/api-issue-history';
import { HttpError } from './http-util';
import type { Router } from './router';

// better-sqlite3 binds every JS number as a REAL, so a bucket is its quotient cast back to an
// INTEGER (truncation is floor: hours and timestamps are positive).

/** Days of the issue list's long trend, Sentry's `14d` (14 buckets of a day). */
export const TREND_DAYS = 14;
/** Bars of an `all` chart at most: a longer history gets buckets of several days. */
const MAX_ALL_BUCKETS = 90;
/**
 * Users are counted from the stored events (issue_hourly keeps counts only), one index entry and
 * one row per event; past this many events in the period the chart leaves users out rather than
 * read them all (an app in an error loop can put a million events in one issue).
 */
export const USERS_COUNTED_MAX = 20_000;

const PERIOD_HOURS: Record<Exclude<HistoryPeriod, 'all'>, number> = { '24h': 24, '7d': 168, '14d': 336, '30d': 720 };

/** The bucket width and first bucket of a period ending in the bucket holding `now`; UTC-aligned. */
function layout(period: HistoryPeriod, now: number, firstSeen: number): { bucketMs: number; start: number; count: number } {
  if (period === '24h') {
    const hour = Math.floor(now / HOUR_MS);
    return { bucketMs: HOUR_MS, start: (hour - 23) * HOUR_MS, count: 24 };
  }
  const today = Math.floor(now / DAY_MS);
  if (period !== 'all') {
    const days = PERIOD_HOURS[period] / 24;
    return { bucketMs: DAY_MS, start: (today - days + 1) * DAY_MS, count: days };
  }
  // All: by the hour for an issue under two days old, else by days, several per bar past MAX_ALL_BUCKETS.
  const first = Math.min(firstSeen, now);
  if (now - first < 2 * DAY_MS) {
    const firstHour = Math.floor(first / HOUR_MS);
    const hours = Math.max(24, Math.floor(now / HOUR_MS) - firstHour + 1);
    return { bucketMs: HOUR_MS, start: (Math.floor(now / HOUR_MS) - hours + 1) * HOUR_MS, count: hours };
  }
  const days = today - Math.floor(first / DAY_MS) + 1;
  const perBucket = Math.ceil(days / MAX_ALL_BUCKETS);
  const lastBucket = Math.floor(today / perBucket);
  const firstBucket = Math.floor(Math.floor(first / DAY_MS) / perBucket);
  return { bucketMs: perBucket * DAY_MS, start: firstBucket * perBucket * DAY_MS, count: lastBucket - firstBucket + 1 };
}

/** The statements, exported so the tests check their query plans. */
export const HISTORY_SQL = {
  counts: `SELECT CAST(hour / @hoursPerBucket AS INTEGER) AS bucket, SUM(count) AS n FROM issue_hourly
    WHERE issue_id = @id AND hour >= @fromHour GROUP BY bucket`,
  users: `SELECT CAST(timestamp / @bucketMs AS INTEGER) AS bucket, COUNT(DISTINCT user_key) AS n FROM events
    WHERE issue_id = @id AND timestamp >= @from AND user_key IS NOT NULL GROUP BY bucket`,
  // The visible page's issues only: the ids come as one JSON array, each read by its primary key.
  daily: `SELECT issue_id AS id, hour / 24 AS day, SUM(count) AS n FROM issue_hourly
    WHERE issue_id IN (SELECT value FROM json_each(@ids)) AND hour >= @fromHour GROUP BY issue_id, day`,
};

/**
 * Per-bucket event counts of issues, read from `issue_hourly` (one row per issue and UTC hour,
 * primary key `(issue_id, hour)`), so a bucket of days costs at most 24 rows per day whatever the
 * number of events; distinct users per bucket from the stored events when there are few enough.
 * Sentry's issue page charts events and users over the selected period:
 * https://docs.sentry.io/product/issues/issue-details/
 */
export function issueHistoryQueries(db: DB) {
  const issueRow = db.prepare('SELECT first_seen, last_seen FROM issues WHERE id = ?');
  const counts = db.prepare(HISTORY_SQL.counts);
  const users = db.prepare(HISTORY_SQL.users);
  const daily = db.prepare(HISTORY_SQL.daily);

  /** The issue page's chart over `period`; null for an unknown issue. */
  function history(issueId: number, period: HistoryPeriod, now = Date.now()): IssueHistory | null {
    const issue = issueRow.get(issueId) as { first_seen: number; last_seen: number } | undefined;
    if (!issue) return null;
    const { bucketMs, start, count } = layout(period, now, issue.first_seen);
    const buckets: HistoryBucket[] = Array.from({ length: count }, (_, i) => ({ start: start + i * bucketMs, count: 0 }));
    const firstBucket = start / bucketMs;
    let total = 0;
    const rows = counts.all({ id: issueId, hoursPerBucket: bucketMs / HOUR_MS, fromHour: start / HOUR_MS }) as { bucket: number; n: number }[];
    for (const row of rows) {
      const bucket = buckets[row.bucket - firstBucket];
      // Events stamped in the future (a client's clock ahead) fall past the chart's end; `count` still has them.
      if (bucket) { bucket.count = row.n; total += row.n; }
    }
    const usersCounted = total <= USERS_COUNTED_MAX;
    if (usersCounted) {
      for (const b of buckets) b.users = 0;
      for (const row of users.all({ id: issueId, bucketMs, from: start }) as { bucket: number; n: number }[]) {
        const bucket = buckets[row.bucket - firstBucket];
        if (bucket) bucket.users = row.n;
      }
    }
    return { period, bucketMs, end: start + count * bucketMs, buckets, firstSeen: issue.first_seen, lastSeen: issue.last_seen, usersCounted };
  }

  /** Events per UTC day over the last TREND_DAYS days (today last) of each issue in `ids`: the list's 14d trend. */
  function dailyTrend(ids: readonly number[], now = Date.now()): Map<number, DailyCounts> {
    const firstDay = Math.floor(now / DAY_MS) - TREND_DAYS + 1;
    const out = new Map<number, DailyCounts>(ids.map((id) => [id, { startMs: firstDay * DAY_MS, counts: new Array<number>(TREND_DAYS).fill(0) }]));
    if (ids.length === 0) return out;
    for (const row of daily.all({ ids: JSON.stringify(ids), fromHour: firstDay * 24 }) as { id: number; day: number; n: number }[]) {
      const trend = out.get(row.id);
      const i = row.day - firstDay;
      if (trend && i >= 0 && i < TREND_DAYS) trend.counts[i] = row.n;
    }
    return out;
  }

  return { history, dailyTrend };
}

/** `GET /issues/:id/history?period=24h|7d|14d|30d|all` (14d when absent). */
export function issueHistoryRoutes(r: Router, db: DB): void {
  const queries = issueHistoryQueries(db);
  r.on('GET', /^\/issues\/(\d+)\/history$/, ({ params, url }) => {
    const raw = url.searchParams.get('period') ?? '14d';
    const period = HISTORY_PERIODS.find((p) => p === raw);
    if (!period) throw new HttpError(400, `unknown period ${raw}: one of ${HISTORY_PERIODS.join(', ')}`);
    const history = queries.history(Number(params[0]), period);
    if (!history) throw new HttpError(404, 'issue not found');
    return history;
  });
}
