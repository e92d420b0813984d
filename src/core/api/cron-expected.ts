/**
 * When a monitor expects its next check-in, and whether it missed one, as Sentry judges it:
 * every check-in (whatever its status) sets the next expected time to the schedule's next tick
 * after the minute it arrived, reckoned in the config's `timezone` (UTC without one); the
 * check-in is missed once `checkin_margin` minutes (1 when not given) have passed after that
 * tick with no check-in. Each missed tick makes the next one expected.
 * @see https://docs.sentry.io/product/crons/job-monitoring/
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 */
import type { CronMonitorConfig } from '../../shared/api-crons';
import { CrontabError, parseCrontab } from './cron-crontab';
import { nextRun } from './cron-next';
import { floorMinute, zoneClock, type ZoneClock } from './cron-zone';

const MINUTE = 60_000;
/** Sentry's margin when the config gives none (`DEFAULT_CHECKIN_MARGIN`). */
export const DEFAULT_MARGIN_MIN = 1;
/** Sentry's `max_runtime` when the config gives none (`TIMEOUT`), and its cap (`MAX_TIMEOUT`, 28 days). */
export const DEFAULT_MAX_RUNTIME_MIN = 30;
const MAX_RUNTIME_CAP_MIN = 40_320;
/** Enough to step an idle minutely interval over a long weekend; beyond, the answer is left out. */
const MAX_STEPS = 1000;
const UNIT_MS: Record<string, number> = { minute: MINUTE, hour: 60 * MINUTE, day: 1440 * MINUTE, week: 7 * 1440 * MINUTE };

export interface Expectation {
  /** The tick after the last check-in. */
  expectedMs: number;
  /** `expectedMs` plus the margin: missed from then on. */
  latestMs: number;
  /** When `now` is past `latestMs`: the first expected tick that was missed. */
  missedSinceMs: number | null;
  /** The next tick still to come (it is `expectedMs` unless missed); null when unknown. */
  nextMs: number | null;
}

/** The tick after `from`; an interval's `times` steps at once. */
type Next = (from: number, times?: number) => number | null;
interface Schedule { next: Next; crontab: boolean; stepMs: number | null }

/** The schedule as a next-tick function; null when Lookout (or Sentry) cannot read it. */
function scheduleOf(config: CronMonitorConfig): Schedule | null {
  const s = config.schedule;
  const zone = zoneClock(config.timezone);
  if (!s || !zone) return null;
  if (s.type === 'crontab') {
    try {
      const tab = parseCrontab(s.value);
      return { next: (from) => nextRun(tab, zone, from), crontab: true, stepMs: null };
    } catch (err) {
      if (err instanceof CrontabError) return null;
      throw err;
    }
  }
  if (s.type !== 'interval' || !Number.isInteger(s.value) || s.value <= 0) return null;
  const next = intervalNext(s.value, s.unit, zone);
  const unitMs = UNIT_MS[s.unit];
  return next && { next, crontab: false, stepMs: unitMs === undefined ? null : unitMs * s.value };
}

/**
 * An interval counts on the wall clock from the check-in (dateutil's rrule from that instant):
 * "every 1 day" keeps the time of day across DST, and a month with no such day is skipped.
 */
function intervalNext(n: number, unit: string, zone: ZoneClock): Next | null {
  const add = (w: number, k: number): number | null => {
    const d = new Date(w);
    switch (unit) {
      case 'minute': return w + k * MINUTE;
      case 'hour': return w + k * 60 * MINUTE;
      case 'day': return w + k * 1440 * MINUTE;
      case 'week': return w + k * 7 * 1440 * MINUTE;
      case 'month': case 'year': {
        const months = unit === 'month' ? k : k * 12;
        const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
        return new Date(t).getUTCDate() === d.getUTCDate() ? t : null;
      }
      default: return null;
    }
  };
  if (add(0, 1) === null && unit !== 'month' && unit !== 'year') return null;
  return (from, times = 1) => {
    const w = zone.wall(from);
    for (let k = n * times; k <= n * (times + 47); k += n) {
      const next = add(w, k);
      if (next !== null) return floorMinute(zone.localize(next));
    }
    return null;
  };
}

/**
 * The expectation after the last check-in at `lastCheckInMs`, judged at `now`; null without a
 * schedule Lookout can read.
 */
export function expectation(config: CronMonitorConfig | null, lastCheckInMs: number, now: number): Expectation | null {
  const schedule = config ? scheduleOf(config) : null;
  if (!config || !schedule) return null;
  const { next, crontab, stepMs } = schedule;
  const marginMs = Math.max(1, config.checkinMargin || DEFAULT_MARGIN_MIN) * MINUTE;
  const expectedMs = next(lastCheckInMs);
  if (expectedMs === null) return null;
  const latestMs = expectedMs + marginMs;
  if (now < latestMs) return { expectedMs, latestMs, missedSinceMs: null, nextMs: expectedMs };
  // Missed: Sentry records the tick and expects the one after it, until one is still in its
  // margin. A crontab's ticks do not depend on where counting starts: the first after now − margin.
  let tick: number | null = crontab ? next(now - marginMs) : expectedMs;
  if (!crontab && stepMs !== null && now - marginMs - expectedMs > 2 * stepMs) {
    tick = next(expectedMs, Math.floor((now - marginMs - expectedMs) / stepMs) - 1);
  }
  for (let i = 0; tick !== null && tick + marginMs <= now && i < MAX_STEPS; i++) tick = next(tick);
  return { expectedMs, latestMs, missedSinceMs: expectedMs, nextMs: tick !== null && tick + marginMs > now ? tick : null };
}

/**
 * When a run opened at `startedMs` and still in progress times out: the minute it began plus
 * `max_runtime` (Sentry's 30 minutes when the config has none), at most 28 days.
 */
export function timeoutAt(config: CronMonitorConfig | null, startedMs: number): number | null {
  if (!config) return null;
  const minutes = Math.min(config.maxRuntime || DEFAULT_MAX_RUNTIME_MIN, MAX_RUNTIME_CAP_MIN);
  return floorMinute(startedMs) + minutes * MINUTE;
}

/**
 * The ticks missed between a check-in at `fromMs` and the next one at `toMs`: every tick after
 * `fromMs` whose margin ran out before `toMs` (Sentry records a `missed` check-in for each, and
 * expects the tick after it). Null when none was missed or the schedule cannot be read; the count
 * stops at `cap`.
 */
export function missedBetween(config: CronMonitorConfig | null, fromMs: number, toMs: number, cap: number): { expectedMs: number; count: number } | null {
  const schedule = config ? scheduleOf(config) : null;
  if (!config || !schedule) return null;
  const marginMs = Math.max(1, config.checkinMargin || DEFAULT_MARGIN_MIN) * MINUTE;
  const first = schedule.next(fromMs);
  if (first === null || first + marginMs > toMs) return null;
  let count = 1;
  for (let tick = schedule.next(first); tick !== null && tick + marginMs <= toMs && count < cap; tick = schedule.next(tick)) count++;
  return { expectedMs: first, count };
}

/**
 * The ticks after a check-in at `fromMs` that were missed by `toMs` (their margin ran out), with
 * the margin, oldest first and at most `cap`: Sentry's clock records a `missed` check-in for each.
 */
export function missedTicks(config: CronMonitorConfig | null, fromMs: number, toMs: number, cap: number): { ticks: number[]; marginMs: number } {
  const schedule = config ? scheduleOf(config) : null;
  if (!config || !schedule) return { ticks: [], marginMs: 0 };
  const marginMs = Math.max(1, config.checkinMargin || DEFAULT_MARGIN_MIN) * MINUTE;
  const ticks: number[] = [];
  for (let tick = schedule.next(fromMs); tick !== null && tick + marginMs <= toMs && ticks.length < cap; tick = schedule.next(tick)) ticks.push(tick);
  return { ticks, marginMs };
}
