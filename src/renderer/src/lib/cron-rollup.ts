/**
 * The Crons list as Sentry's overview shows it: one row per monitor, its environments beneath,
 * each with its own status and timeline. Judged at the page's `now`, since "missed" follows the
 * clock rather than new data.
 *
 * Sentry orders a monitor's environments by status (failing first), then by last check-in, and
 * sorts monitors by their first environment's status, then by their newest check-in: the monitor
 * reads as its most urgent environment. Lookout keeps its list's meaning (failing first, then the
 * most recent news, a missed tick counting as news) at both levels.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/endpoints/organization_monitor_index.py (sort == "status")
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/serializers.py (environments' status_ordering)
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/crons/components/overviewTimeline/overviewRow.tsx
 */
import type { CronListEnvironment, CronMonitorOverview, CronRun } from '../../../shared/api-types';
import { cronTiming, isFailing, monitorStatus, newsOf, sortMonitors, type ShownStatus } from './cron-format';

/** Marks in a timeline: as many as a row's strip shows. */
export const TIMELINE_MARKS = 24;

export interface RolledUpMonitor {
  monitor: CronMonitorOverview;
  /** Its environments, the one that needs a look first. */
  environments: CronListEnvironment[];
  /** The environment the monitor's status is taken from (the first of `environments`). */
  lead: CronListEnvironment | undefined;
  status: ShownStatus | null;
  failing: boolean;
  /** The newest news of any environment (a check-in, or a tick missed since). */
  news: number;
  /** The soonest check-in any environment still expects; null when none does. */
  nextMs: number | null;
}

/** The monitor with its environments ordered and its status rolled up from them, at `now`. */
export function rollUp(monitor: CronMonitorOverview, now = Date.now()): RolledUpMonitor {
  const environments = sortMonitors(monitor.environments, now);
  const lead = environments[0];
  const status = lead ? monitorStatus(lead, now) : null;
  const nexts = environments.map((e) => cronTiming(e, now).nextMs).filter((ms): ms is number => ms !== null);
  return {
    monitor, environments, lead, status, failing: isFailing(status),
    news: Math.max(monitor.lastCheckInMs, ...environments.map((e) => newsOf(e, now))),
    nextMs: nexts.length ? Math.min(...nexts) : null,
  };
}

/** The list at `now`: monitors with a failing environment first, then by their newest news; by slug on a tie. */
export function sortOverview(monitors: readonly CronMonitorOverview[], now = Date.now()): RolledUpMonitor[] {
  return monitors.map((m) => rollUp(m, now))
    .sort((a, b) => Number(b.failing) - Number(a.failing) || b.news - a.news || a.monitor.slug.localeCompare(b.monitor.slug));
}

/**
 * One mark of an environment's timeline: a run, or expected check-ins that did not come (`count`
 * ticks in a row; null for those since the last check-in, still counting).
 */
export type TimelineMark =
  | { kind: 'run'; atMs: number; run: CronRun }
  | { kind: 'missed'; atMs: number; count: number | null };

type WithTimeline = Pick<CronListEnvironment, 'recent' | 'missedGaps' | 'missedSinceMs' | 'nextCheckInMs' | 'nextCheckInLatestMs'>;

/** The newest `limit` marks, oldest first: runs by when they began, missed ticks by the first of them. */
export function timelineMarks(env: WithTimeline, now = Date.now(), limit = TIMELINE_MARKS): TimelineMark[] {
  const marks: TimelineMark[] = [
    ...env.recent.map((run): TimelineMark => ({ kind: 'run', atMs: run.startedMs, run })),
    ...env.missedGaps.map((gap): TimelineMark => ({ kind: 'missed', atMs: gap.expectedMs, count: gap.count })),
  ];
  const missedSince = cronTiming(env, now).missedSinceMs;
  if (missedSince !== null) marks.push({ kind: 'missed', atMs: missedSince, count: null });
  return marks.sort((a, b) => a.atMs - b.atMs).slice(-limit);
}
