/**
 * Words for the Crons view: a run's status (never colour alone), the monitor's schedule and
 * config as a person reads them.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import type { CronMonitor, CronMonitorConfig, CronStatus } from '../../../shared/api-types';

/** The status a monitor or run is shown with: Lookout's `missed` joins the SDK's statuses. */
export type ShownStatus = CronStatus | 'missed';

/** CSS modifier, a glyph that differs per status (for colour-blind readers), and its label. */
export interface StatusLook { tone: 'ok' | 'error' | 'progress' | 'timeout' | 'missed' | 'unknown'; glyph: string; label: string }

const LOOKS: Record<string, StatusLook> = {
  ok: { tone: 'ok', glyph: '✓', label: 'OK' },
  error: { tone: 'error', glyph: '✕', label: 'Failed' },
  in_progress: { tone: 'progress', glyph: '…', label: 'In progress' },
  // Geometric shapes, not emoji: every UI font has them, so no status shows as an empty box.
  timeout: { tone: 'timeout', glyph: '◷', label: 'Timed out' },
  missed: { tone: 'missed', glyph: '!', label: 'Missed' },
};

export function statusLook(status: ShownStatus | null): StatusLook {
  if (status === null) return { tone: 'unknown', glyph: '?', label: 'No status' };
  return LOOKS[status] ?? { tone: 'unknown', glyph: '?', label: status };
}

type Timing = Pick<CronMonitor, 'missedSinceMs' | 'nextCheckInMs' | 'nextCheckInLatestMs'>;

/**
 * Missed since when, and the next check-in still expected, at `now`: the server's judgement, or,
 * once the clock passed the expected check-in's margin since the page loaded, the page's own.
 * @see https://docs.sentry.io/product/crons/job-monitoring/
 */
export function cronTiming(m: Timing, now = Date.now()): { missedSinceMs: number | null; nextMs: number | null } {
  if (m.missedSinceMs !== null) return { missedSinceMs: m.missedSinceMs, nextMs: m.nextCheckInMs };
  if (m.nextCheckInLatestMs !== null && now >= m.nextCheckInLatestMs) return { missedSinceMs: m.nextCheckInMs, nextMs: null };
  return { missedSinceMs: null, nextMs: m.nextCheckInMs };
}

/** The monitor's status: missed when its schedule passed without a check-in, else its newest run's. */
export function monitorStatus(m: Pick<CronMonitor, 'recent'> & Timing, now = Date.now()): ShownStatus | null {
  if (cronTiming(m, now).missedSinceMs !== null) return 'missed';
  return m.recent[0]?.status ?? null;
}

/**
 * A monitor needs a look: its newest run failed or timed out, or its schedule passed without a
 * check-in (Sentry's environment status `error`, which all three set).
 */
const FAILING: ReadonlySet<ShownStatus | null> = new Set(['error', 'timeout', 'missed']);

export function isFailing(status: ShownStatus | null): boolean {
  return FAILING.has(status);
}

type Judged = Pick<CronMonitor, 'recent' | 'lastCheckInMs'> & Timing;

/** When a monitor last had news: its last check-in, or the tick it missed since (so a silent job does not sink). */
export function newsOf(m: Judged, now = Date.now()): number {
  return Math.max(m.lastCheckInMs, cronTiming(m, now).missedSinceMs ?? 0);
}

/**
 * The list's order at `now`, as Sentry's monitor list orders by status: failing monitors first,
 * then the rest; within each, the most recent news first, where a missed monitor's news is the
 * tick it missed (not its last check-in, which would sink the silent job to the bottom).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MONITOR_ENVIRONMENT_ORDERING)
 */
export function sortMonitors<M extends Judged>(monitors: readonly M[], now = Date.now()): M[] {
  const keyed = monitors.map((m) => ({ m, failing: isFailing(monitorStatus(m, now)), news: newsOf(m, now) }));
  keyed.sort((a, b) => Number(b.failing) - Number(a.failing) || b.news - a.news);
  return keyed.map((k) => k.m);
}

/** "in 4m", "in 3h", "in 2d" until an expected check-in; "due now" from a minute before it (its margin runs on). */
export function untilTime(ms: number, now = Date.now()): string {
  const diff = ms - now;
  if (diff < 60_000) return 'due now';
  if (diff < 3_600_000) return `in ${Math.round(diff / 60_000)}m`;
  if (diff < 86_400_000) return `in ${Math.round(diff / 3_600_000)}h`;
  return `in ${Math.round(diff / 86_400_000)}d`;
}

/** "Mar 30, 2025, 3:00 AM" in the viewer's zone, and in `zone` when that differs ("… · 03:00 Europe/Berlin"). */
export function zonedTimes(ms: number, zone: string | null): { local: string; inZone: string | null } {
  const local = new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const tz = zone ?? 'UTC';
  try {
    if (tz === Intl.DateTimeFormat().resolvedOptions().timeZone) return { local, inZone: null };
    return { local, inZone: `${new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz })} ${tz}` };
  } catch {
    return { local, inZone: null }; // a zone this browser does not know
  }
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "crontab 0 3 * * *", "every 10 minutes", or the raw schedule as JSON text. */
export function scheduleText(schedule: CronMonitorConfig['schedule']): string | null {
  if (!schedule) return null;
  if (schedule.type === 'crontab') return `crontab ${schedule.value}`;
  if (schedule.type === 'interval') return schedule.value === 1 ? `every ${schedule.unit}` : `every ${plural(schedule.value, schedule.unit)}`;
  return JSON.stringify(schedule.raw) ?? null;
}

/** The config's fields as label/value rows, only those the SDK sent. */
export function configRows(config: CronMonitorConfig): [string, string][] {
  const rows: [string, string | null][] = [
    ['Schedule', scheduleText(config.schedule)],
    ['Time zone', config.timezone],
    ['Check-in margin', config.checkinMargin === null ? null : `${plural(config.checkinMargin, 'minute')} late before it counts as missed`],
    ['Max runtime', config.maxRuntime === null ? null : `${plural(config.maxRuntime, 'minute')} in progress before it counts as timed out`],
    ['Failures before an issue', config.failureIssueThreshold === null ? null : String(config.failureIssueThreshold)],
    ['Successes to recover', config.recoveryThreshold === null ? null : String(config.recoveryThreshold)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}
