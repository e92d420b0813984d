/**
 * Read API types, continued (see api-types.ts): the Crons view (`GET /crons`, `GET /crons/monitor`),
 * served by src/core/api/cron-queries.ts from the stored `check_in` items.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */

/**
 * What a run of the job came to. `ok`, `error` and `in_progress` are what the SDK sent;
 * `timeout` is Sentry's judgement made by Lookout: still in progress past the monitor config's
 * `max_runtime` (30 minutes when the config has none). Any other status an SDK sends is passed on as it came.
 */
export type CronStatus = 'ok' | 'error' | 'in_progress' | 'timeout' | (string & {});

/**
 * One run of a monitored job: an `in_progress` check-in and the one that closed it (same
 * `check_in_id`) are one run, as Sentry updates the check-in. Times are epoch ms (when Lookout
 * received the check-in: the protocol carries no time of its own).
 */
export interface CronRun {
  checkInId: string | null;
  status: CronStatus;
  /** The status the SDK last sent, when `status` is Lookout's own (`timeout`). */
  sentStatus: string | null;
  startedMs: number;
  /** When the closing check-in arrived; null while in progress. */
  finishedMs: number | null;
  /** The SDK's `duration`, in ms. */
  durationMs: number | null;
  release: string | null;
  /** Trace the SDK was in when it checked in (`contexts.trace.trace_id`). */
  traceId: string | null;
  /** Stored check-in items of this run (the Stream's rows), oldest first. */
  itemCount: number;
  /**
   * On a monitor's page: how many error events of its trace were captured while it ran (its
   * `errors` name the newest few of them).
   */
  errorCount?: number;
}

/** How the job is scheduled, as the SDK sent it in `monitor_config` (upserted on each check-in that carries it). */
export interface CronMonitorConfig {
  schedule: { type: 'crontab'; value: string } | { type: 'interval'; value: number; unit: string } | { type: 'unknown'; raw: unknown } | null;
  /** Minutes a check-in may be late before Sentry counts it missed. */
  checkinMargin: number | null;
  /** Minutes a run may stay in progress before Sentry marks it timed out. */
  maxRuntime: number | null;
  timezone: string | null;
  failureIssueThreshold: number | null;
  recoveryThreshold: number | null;
}

/** One monitor: a `monitor_slug` in a project and an environment. */
export interface CronMonitor {
  projectId: number;
  slug: string;
  /** Null when the SDK sent none. */
  environment: string | null;
  /** The newest run first; the list shows them oldest to newest. */
  recent: CronRun[];
  /** When the newest check-in arrived, epoch ms. */
  lastCheckInMs: number;
  /**
   * The schedule expected a check-in then (its tick after the last check-in, in the config's time
   * zone) and none came within `checkin_margin`, as Sentry judges it. Null otherwise, and without
   * a schedule Lookout can read.
   */
  missedSinceMs: number | null;
  /** The next tick the schedule expects a check-in at (Sentry's `next_checkin`), epoch ms; null without a schedule. */
  nextCheckInMs: number | null;
  /** When that check-in counts as missed (`next_checkin_latest`: the tick plus the margin). */
  nextCheckInLatestMs: number | null;
  /**
   * Ticks missed between the check-ins of `recent` (Sentry records a `missed` check-in for each),
   * newest first; the ticks missed since the last check-in are `missedSinceMs`'s.
   */
  missedGaps: CronMissedGap[];
  /**
   * The newest `monitor_config` sent for this slug, from any environment: Sentry upserts the
   * monitor, which all its environments share.
   */
  config: CronMonitorConfig | null;
}

/** Expected check-ins that did not come within their margin, between two check-ins that did. */
export interface CronMissedGap {
  /** The first missed tick, epoch ms. */
  expectedMs: number;
  /** How many ticks were missed in a row, counted up to `MISSED_COUNT_CAP`. */
  count: number;
}

/** Missed ticks in one gap are counted up to this many: each costs a step of the schedule, and past a few the number tells little. */
export const MISSED_COUNT_CAP = 10;

/** One environment of a monitor as the Crons list shows it: its status, timing and recent check-ins. */
export type CronListEnvironment = Pick<CronMonitor,
  'environment' | 'recent' | 'missedGaps' | 'lastCheckInMs' | 'missedSinceMs' | 'nextCheckInMs' | 'nextCheckInLatestMs'>;

/**
 * `GET /crons`: one monitor (a `monitor_slug` in a project, as Sentry's overview lists it) with each
 * environment it checked in from beneath it.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/endpoints/organization_monitor_index.py
 */
export interface CronMonitorOverview {
  projectId: number;
  slug: string;
  config: CronMonitorConfig | null;
  /** The newest check-in of any of its environments, epoch ms. */
  lastCheckInMs: number;
  /** Every environment with a check-in, the most recently checked-in first (the list orders them by status). */
  environments: CronListEnvironment[];
}

/**
 * One environment of a monitor (Sentry's monitor environment): check-ins from each environment
 * have their own status, last check-in and next expected check-in, under the monitor's one config.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MonitorEnvironment)
 */
export interface CronMonitorEnvironment {
  /** Null when the SDK sent none. */
  environment: string | null;
  /** Its newest run. */
  latest: CronRun | null;
  lastCheckInMs: number;
  missedSinceMs: number | null;
  nextCheckInMs: number | null;
  nextCheckInLatestMs: number | null;
}

/** An error event captured during a run, found through the run's trace. */
export interface CronRunError {
  eventId: string;
  issueId: number | null;
  title: string;
  level: string | null;
  timestamp: number;
  /** The check-in id of the run it fell in. */
  checkInId: string | null;
}

/** `GET /crons/monitor`: a monitor's runs, newest first, keyset-paged. */
export interface CronMonitorDetail extends CronMonitor {
  runs: CronRun[];
  /** Pass as `before` for older runs; null at the end. */
  nextCursor: string | null;
  /**
   * Errors of the listed runs, the newest few of each run first (its `errorCount` counts them
   * all): error events of the run's trace captured between its check-ins, in the SDK's clock when
   * the check-ins carried `sent_at`.
   */
  errors: CronRunError[];
  /**
   * The listed runs share one trace (the SDK's process-wide trace, without `isolateTrace`), so
   * errors are linked by time within the run as well, and any error of the process in that window shows.
   */
  sharedTrace: boolean;
  /** Every environment this slug checked in from (this one included), by name. */
  environments: CronMonitorEnvironment[];
  /** The issue this environment's failures opened (one per monitor environment, as in Sentry), with its status; null before any. */
  issue: { id: number; status: string; count: number } | null;
}
