/**
 * The Crons view (`GET /crons`, `GET /crons/monitor`): monitors and their runs, read from the
 * stored `check_in` items. A monitor is a `monitor_slug` in a project, with one status and
 * timeline per environment it checked in from (Sentry's monitor environments); every lookup
 * goes through `check_ins_monitor` or `check_ins_run` (migration 015), and its config through
 * `check_ins_config` (019), so a monitor with a year of minutely check-ins reads as fast as one
 * with ten.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import { MISSED_COUNT_CAP } from '../../shared/api-crons';
import type {
  CronMissedGap, CronMonitor, CronMonitorConfig, CronMonitorDetail, CronMonitorEnvironment, CronMonitorOverview, CronRun, CronRunError,
} from '../../shared/api-crons';
import type { DB } from '../store/db';
import { HttpError } from './http-util';
import { expectation, missedBetween } from './cron-expected';
import { groupRuns, readMonitorConfig, type AnchoredRun, type CheckInRow } from './cron-runs';
import { runErrorReader } from './cron-run-errors';
import { cronIssueHash } from '../crons/failure-event';

/** Runs in a list row's strip. */
export const STRIP_RUNS = 24;
/** Monitors listed at most (each costs a few index seeks). */
const MAX_MONITORS = 500;
/** Gaps remembered between list reads: every gap of the strips of the most monitors listed. */
const GAP_CACHE_SIZE = 500 * 24;

// The expressions of the `check_ins_monitor` index: a query must repeat them to use it.
const SLUG = "ifnull(monitor_slug, '')";
const ENV = "ifnull(environment, '')";
const KEY = `project_id = @project AND ${SLUG} = @slug AND ${ENV} = @env`;
const COLS = 'id, check_in_id, status, duration, received, payload, sent_ms';

interface MonitorKey { project: number; slug: string; env: string }

export function cronQueries(db: DB) {
  // A loose index scan: each distinct (project, slug, environment) is one seek. Text sorts above
  // any number in SQLite, so a bound of 0 starts before the empty string.
  const nextProject = db.prepare('SELECT project_id FROM check_ins WHERE project_id > ? ORDER BY project_id LIMIT 1').pluck();
  const nextSlug = db.prepare(`SELECT ${SLUG} FROM check_ins WHERE project_id = ? AND ${SLUG} > ? ORDER BY ${SLUG} LIMIT 1`).pluck();
  const nextEnv = db.prepare(`SELECT ${ENV} FROM check_ins WHERE project_id = ? AND ${SLUG} = ? AND ${ENV} > ? ORDER BY ${ENV} LIMIT 1`).pluck();
  const recentRows = db.prepare(`SELECT ${COLS} FROM check_ins WHERE ${KEY} AND id < @before ORDER BY id DESC LIMIT @limit`);
  // Named: with the monitor's three equalities the planner would otherwise walk all its rows.
  const runRows = db.prepare(`SELECT ${COLS} FROM check_ins INDEXED BY check_ins_run WHERE check_in_id IN (SELECT value FROM json_each(@ids)) AND ${KEY}
    ORDER BY id LIMIT 5000`);
  // Sentry upserts the monitor with each config sent: the newest one is the monitor's, however
  // many check-ins without one came after it (one seek in the partial index per environment).
  const configRow = db.prepare(`SELECT id, payload FROM check_ins INDEXED BY check_ins_config WHERE ${KEY} AND has_config = 1
    ORDER BY id DESC LIMIT 1`);
  const runErrors = runErrorReader(db);
  const issueOf = db.prepare(`SELECT i.id, i.status, i.count FROM issue_hashes h JOIN issues i ON i.id = h.issue_id
    WHERE h.project_id = ? AND h.hash = ?`);

  function monitorKeys(project: number | undefined): MonitorKey[] {
    const keys: MonitorKey[] = [];
    let p = project ?? (nextProject.get(-1) as number | undefined);
    while (p !== undefined && keys.length < MAX_MONITORS) {
      for (let s = nextSlug.get(p, 0) as string | undefined; s !== undefined && keys.length < MAX_MONITORS; s = nextSlug.get(p, s) as string | undefined) {
        for (let e = nextEnv.get(p, s, 0) as string | undefined; e !== undefined && keys.length < MAX_MONITORS; e = nextEnv.get(p, s, e) as string | undefined) {
          keys.push({ project: p, slug: s, env: e });
        }
      }
      p = project === undefined ? nextProject.get(p) as number | undefined : undefined;
    }
    return keys;
  }

  /** A slug's environments, by name ('' for none). */
  function environmentsOf(project: number, slug: string): string[] {
    const envs: string[] = [];
    for (let e = nextEnv.get(project, slug, 0) as string | undefined; e !== undefined && envs.length < MAX_MONITORS; e = nextEnv.get(project, slug, e) as string | undefined) {
      envs.push(e);
    }
    return envs;
  }

  /** The monitor's config: the newest sent from any of its environments (`envs`), as Sentry keeps one per monitor. */
  function configOf(project: number, slug: string, envs: readonly string[]): CronMonitorConfig | null {
    let newest: { id: number; payload: string } | undefined;
    for (const env of envs) {
      const row = configRow.get({ project, slug, env }) as { id: number; payload: string } | undefined;
      if (row && (!newest || row.id > newest.id)) newest = row;
    }
    return newest ? readMonitorConfig(newest.payload) : null;
  }

  /**
   * Runs anchored (newest row) below `before`, the most recently active first. The window of
   * newest rows finds the runs active in it; their other rows (an `in_progress` below the window,
   * a close above it) come by check-in id. A run whose newest row is above the window was listed
   * on an earlier page; one whose newest row is below it comes on a later one, whose cursor is the
   * window's lowest row: every run is listed once, in order, however runs overlap.
   */
  function runsPage(key: MonitorKey, config: CronMonitorConfig | null, now: number, before: number, limit: number) {
    const windowSize = limit * 2 + 2;
    const window = recentRows.all({ ...key, before, limit: windowSize }) as CheckInRow[];
    // Stored normalised (prepare-items.ts, migration 019 for older rows): compared as they are.
    const ids = [...new Set(window.map((r) => r.check_in_id).filter((id): id is string => id !== null))];
    const byId = new Map(window.map((r) => [r.id, r]));
    if (ids.length) for (const r of runRows.all({ ...key, ids: JSON.stringify(ids) }) as CheckInRow[]) byId.set(r.id, r);
    const full = window.length === windowSize;
    const lowest = window.at(-1)?.id ?? 0;
    const candidates = groupRuns([...byId.values()], config, now).filter((r) => r.anchor < before && (!full || r.anchor >= lowest));
    const page = candidates.slice(0, limit);
    const more = candidates.length > limit;
    const nextCursor = more ? page.at(-1)?.anchor ?? null : full ? lowest : null;
    return { runs: page, nextCursor, newest: window[0], checkInsMs: [...byId.values()].map((r) => r.received) };
  }

  /** Missed since, and the next check-in: from the config and the last check-in alone, never a scan of check-ins. */
  function timing(config: CronMonitorConfig | null, lastCheckInMs: number, now: number) {
    const expected = expectation(config, lastCheckInMs, now);
    return {
      missedSinceMs: expected?.missedSinceMs ?? null, nextCheckInMs: expected?.nextMs ?? null,
      nextCheckInLatestMs: expected?.nextMs == null ? null : expected.nextMs + (expected.latestMs - expected.expectedMs),
    };
  }

  /**
   * Ticks missed between consecutive check-ins since the oldest of the strip's runs began, newest
   * first (the page's rows: the strip's runs and a few around them).
   */
  function missedGaps(config: CronMonitorConfig | null, recent: readonly AnchoredRun[], checkInsMs: readonly number[]): CronMissedGap[] {
    const oldest = recent.at(-1)?.run.startedMs;
    if (oldest === undefined || !config?.schedule) return [];
    const times = [...new Set(checkInsMs.filter((t) => t >= oldest))].sort((a, b) => a - b);
    const configKey = JSON.stringify(config);
    const gaps: CronMissedGap[] = [];
    for (let i = times.length - 1; i > 0 && gaps.length < STRIP_RUNS; i--) {
      const gap = gapBetween(configKey, config, times[i - 1]!, times[i]!);
      if (gap) gaps.push(gap);
    }
    return gaps;
  }

  // A gap between two stored check-ins never changes under the same config, and counting its ticks
  // costs a schedule step each (a few µs): a live list re-reads only the gaps new check-ins made.
  const gapCache = new Map<string, CronMissedGap | null>();
  function gapBetween(configKey: string, config: CronMonitorConfig, fromMs: number, toMs: number): CronMissedGap | null {
    const key = `${fromMs}:${toMs}:${configKey}`;
    const cached = gapCache.get(key);
    if (cached !== undefined) return cached;
    const gap = missedBetween(config, fromMs, toMs, MISSED_COUNT_CAP);
    if (gapCache.size >= GAP_CACHE_SIZE) gapCache.delete(gapCache.keys().next().value!);
    gapCache.set(key, gap);
    return gap;
  }

  function summary(key: MonitorKey, config: CronMonitorConfig | null, page: { runs: AnchoredRun[]; checkInsMs: number[] }, lastCheckInMs: number, now: number): CronMonitor {
    return {
      projectId: key.project, slug: key.slug, environment: key.env === '' ? null : key.env, recent: page.runs.map((r) => r.run),
      missedGaps: missedGaps(config, page.runs, page.checkInsMs), lastCheckInMs, config, ...timing(config, lastCheckInMs, now),
    };
  }

  /**
   * Every monitor (of one project, if given) with its environments, the most recently checked-in
   * first: one monitor per slug, as Sentry's overview lists them (the page orders them by status,
   * which follows its clock).
   */
  function list(q: { project?: number }, now = Date.now()): CronMonitorOverview[] {
    const bySlug = new Map<string, CronMonitorOverview>();
    for (const key of monitorKeys(q.project)) {
      const slugKey = JSON.stringify([key.project, key.slug]);
      let monitor = bySlug.get(slugKey);
      if (!monitor) {
        const config = configOf(key.project, key.slug, environmentsOf(key.project, key.slug));
        monitor = { projectId: key.project, slug: key.slug, config, lastCheckInMs: 0, environments: [] };
        bySlug.set(slugKey, monitor);
      }
      const page = runsPage(key, monitor.config, now, Number.MAX_SAFE_INTEGER, STRIP_RUNS);
      if (!page.newest) continue;
      const { environment, recent, missedGaps, lastCheckInMs, missedSinceMs, nextCheckInMs, nextCheckInLatestMs } = summary(key, monitor.config, page, page.newest.received, now);
      monitor.environments.push({ environment, recent, missedGaps, lastCheckInMs, missedSinceMs, nextCheckInMs, nextCheckInLatestMs });
      monitor.lastCheckInMs = Math.max(monitor.lastCheckInMs, lastCheckInMs);
    }
    const monitors = [...bySlug.values()].filter((m) => m.environments.length > 0);
    for (const m of monitors) m.environments.sort((a, b) => b.lastCheckInMs - a.lastCheckInMs);
    return monitors.sort((a, b) => b.lastCheckInMs - a.lastCheckInMs);
  }

  /** Each environment's newest run and timing (a few index seeks each). */
  function environmentSummaries(project: number, slug: string, envs: readonly string[], config: CronMonitorConfig | null, now: number): CronMonitorEnvironment[] {
    const out: CronMonitorEnvironment[] = [];
    for (const env of envs) {
      const page = runsPage({ project, slug, env }, config, now, Number.MAX_SAFE_INTEGER, 1);
      if (!page.newest) continue;
      out.push({ environment: env === '' ? null : env, latest: page.runs[0]?.run ?? null, lastCheckInMs: page.newest.received,
        ...timing(config, page.newest.received, now) });
    }
    return out;
  }

  /** Errors captured in the runs' traces while they ran, each run with its count; `sharedTrace` when runs share one trace. */
  function errorsOf(runs: readonly AnchoredRun[], now: number): { runs: CronRun[]; errors: CronRunError[]; sharedTrace: boolean } {
    const { errors, counts, sharedTrace } = runErrors(runs, now);
    return { runs: runs.map((r) => ({ ...r.run, errorCount: counts.get(r) ?? 0 })), errors, sharedTrace };
  }

  /** The environment (of `envs`) whose newest check-in is the slug's newest, with that check-in. */
  function mostRecentEnvironment(project: number, slug: string, envs: readonly string[]): { env: string; newest: CheckInRow } | undefined {
    let best: { env: string; newest: CheckInRow } | undefined;
    for (const env of envs) {
      const row = recentRows.get({ project, slug, env, before: Number.MAX_SAFE_INTEGER, limit: 1 }) as CheckInRow | undefined;
      if (row && (!best || row.id > best.newest.id)) best = { env, newest: row };
    }
    return best;
  }

  /**
   * One monitor's runs, newest first (`before`: the previous page's `nextCursor`); null when it has
   * no check-in. Without an environment, the one that checked in last answers (`environment` of the
   * answer says which), as Sentry's monitor page opens on its environments rather than on none.
   */
  function monitor(q: { project: number; slug: string; environment?: string; before?: string; limit: number }, now = Date.now()): CronMonitorDetail | null {
    if (q.before !== undefined && !/^\d{1,15}$/.test(q.before)) throw new HttpError(400, 'invalid cursor');
    const envs = environmentsOf(q.project, q.slug);
    const found = q.environment === undefined
      ? mostRecentEnvironment(q.project, q.slug, envs)
      : mostRecentEnvironment(q.project, q.slug, [q.environment]);
    if (!found) return null;
    const { newest } = found;
    const key: MonitorKey = { project: q.project, slug: q.slug, env: found.env };
    const config = configOf(key.project, key.slug, envs);
    const recent = runsPage(key, config, now, Number.MAX_SAFE_INTEGER, STRIP_RUNS);
    const page = runsPage(key, config, now, q.before === undefined ? Number.MAX_SAFE_INTEGER : Number(q.before), q.limit);
    return {
      ...summary(key, config, recent, newest.received, now), nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
      ...errorsOf(page.runs, now), environments: environmentSummaries(key.project, key.slug, envs, config, now),
      issue: (issueOf.get(key.project, cronIssueHash({ projectId: key.project, slug: key.slug, environment: key.env })) as CronMonitorDetail['issue'] | undefined) ?? null,
    };
  }

  return { list, monitor };
}
