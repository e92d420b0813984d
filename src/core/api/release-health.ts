import type { SessionCounts, SessionHour, SessionOutcome } from '../../shared/api-releases';
import { SESSION_OUTCOMES } from '../../shared/api-releases';
import type { DB } from '../store/db';
import { ANR_UPDATE } from '../store/migrations/043-session-anr-index';

const HOUR_MS = 3600_000;
const BUCKET_TOTAL = 'exited + errored + unhandled + abnormal + crashed';

/**
 * What a read covers. `level` is the counters' environment ('' for every environment, migration
 * 037); `environment` filters the raw rows the ANR figures read. `since` is 24 hours before now and
 * `from` the first whole hour from it (`hourFrom`): adoption counts the sessions that started in the hours from `from` on.
 */
export type Params = { project: number | null; release: string | null; environment: string | null; level: string; since: number; from: number };

/**
 * The scope as literal conditions, only those that apply: `(@x IS NULL OR col = @x)` would keep
 * SQLite from seeking the release's rows.
 */
function scoped(p: Params, alias = '', withRelease = true, withEnvironment = false): string {
  return [p.project !== null ? `${alias}project_id = @project` : '', withRelease && p.release !== null ? `${alias}release = @release` : '',
    withEnvironment && p.environment !== null ? `${alias}environment = @environment` : ''].filter(Boolean).map((c) => ` AND ${c}`).join('');
}

/** Sessions by final status, users and crashed users, per (project, release): `release_health`'s rows. */
export const healthSql = (p: Params) => `SELECT project_id, release, ${SESSION_OUTCOMES.join(', ')}, users, crashed_users
  FROM release_health WHERE environment = @level AND items > 0${scoped(p)}`;

/**
 * Single sessions that started in the last 24 hours (by their own `started`, as Sentry counts a
 * session in its start hour: not when its updates arrived) per (project, release) of every release
 * of the projects in scope: each release's figure and, summed, its project's (adoption's
 * denominator), from the chart's counters (`release_start_hours`, migration 037). Each release's
 * hours are sought from its `release_health` row, never a walk of every release's hours.
 */
export const recentSql = (p: Params) => `SELECT r.project_id, r.release, SUM(${SESSION_OUTCOMES.map((o) => `h.${o}`).join(' + ')}) AS n
  FROM release_health r CROSS JOIN release_start_hours h ON h.project_id = r.project_id AND h.release = r.release
    AND h.environment = r.environment AND h.hour >= @from
  WHERE r.environment = @level AND r.items > 0${scoped(p, 'r.', false)} GROUP BY r.project_id, r.release`;

/** The buckets of the projects in scope, by `started` as sent (the reader parses it, as the chart does). */
export const recentBucketsSql = (p: Params) => `SELECT r.project_id, r.release, b.started, b.received_hour, ${BUCKET_TOTAL.replace(/(\w+)/g, 'b.$1')} AS n
  FROM release_health r CROSS JOIN release_bucket_starts b ON b.project_id = r.project_id AND b.release = r.release AND b.environment = r.environment
  WHERE r.environment = @level AND r.items > 0 AND b.buckets > 0${scoped(p, 'r.', false)}`;

/**
 * Users of each (project, release) in scope whose session ended in an ANR (`anr`), and in a foreground
 * one (`foreground`), read through the partial index of such updates (migration 043).
 */
export const anrSql = (p: Params) => `SELECT project_id, release, COUNT(DISTINCT json_extract(payload, '$.did')) AS anr,
    COUNT(DISTINCT CASE WHEN json_extract(payload, '$.abnormal_mechanism') = 'anr_foreground' THEN json_extract(payload, '$.did') END) AS foreground
  FROM sessions INDEXED BY sessions_anr WHERE ${ANR_UPDATE} AND release IS NOT NULL${scoped(p, '', true, true)}
  GROUP BY project_id, release`;

type Counted = Record<SessionOutcome, number> & { project_id: number; release: string; users: number; crashed_users: number };

export interface HealthScope {
  project?: number;
  release?: string;
  /** '' reads every environment, as the API's `?environment=` does. */
  environment?: string;
  now?: number;
}

/** The named parameters `sql` uses: better-sqlite3 refuses an object missing one, so unused ones are kept too. */
function bound(sql: string, p: Params): Partial<Params> {
  return Object.fromEntries(Object.entries(p).filter(([name]) => sql.includes(`@${name}`)));
}

function all<T>(db: DB, sql: string, p: Params): T[] {
  return db.prepare(sql).all(bound(sql, p)) as T[];
}

/**
 * The first whole hour at or after `since`: Sentry reads adoption from its hourly session metrics
 * (a session counted in the hour it started) whose hour is at or after `now - 1 day`.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/release_health/metrics.py (_get_release_adoption_impl)
 */
export function hourFrom(since: number): number {
  return since % HOUR_MS === 0 ? since : since - (since % HOUR_MS) + HOUR_MS;
}

function params(scope: { project?: number; release?: string; environment?: string }, now: number): Params {
  const since = now - 24 * HOUR_MS;
  return { project: scope.project ?? null, release: scope.release ?? null, environment: scope.environment || null,
    level: scope.environment || '', since, from: hourFrom(since) };
}

const key = (project: number, release: string) => `${project}\u0000${release}`;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

/** A release without sessions. */
export function noSessions(): SessionCounts {
  return { sessions: 0, bySession: { healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 }, users: 0, crashedUsers: 0,
    crashFreeSessions: null, crashFreeUsers: null, anrUsers: 0, foregroundAnrUsers: 0, anrRate: null, foregroundAnrRate: null,
    sessions24h: 0, adoption: null };
}

/**
 * Release health per (project, release) in scope, from the counters kept as sessions arrive
 * (migration 037): sessions by how they ended (each `sid` once, by its worst status), crash-free
 * sessions and users (a crash is `crashed`: Sentry's `1 - crashed / total`), the ANR rate and foreground
 * ANR rate (users whose session ended in an ANR, of all users: Sentry's Android release health), and adoption (its share
 * of the project's sessions started in the last 24 hours, by the hour; Sentry's `sessions_adoption`).
 * @see https://docs.sentry.io/product/releases/health/
 */
export function sessionHealth(db: DB, scope: HealthScope): Map<string, SessionCounts> {
  const p = params(scope, scope.now ?? Date.now());
  const out = new Map<string, SessionCounts>();
  for (const row of all<Counted>(db, healthSql(p), p)) {
    const counts = noSessions();
    for (const outcome of SESSION_OUTCOMES) {
      counts.bySession[outcome] = row[outcome];
      counts.sessions += row[outcome];
    }
    counts.users = row.users;
    counts.crashedUsers = row.crashed_users;
    out.set(key(row.project_id, row.release), counts);
  }
  const recent = new Map<number, number>();
  const countRecent = (project: number, release: string, n: number) => {
    recent.set(project, (recent.get(project) ?? 0) + n);
    const counts = out.get(key(project, release));
    if (counts) counts.sessions24h += n;
  };
  for (const row of all<{ project_id: number; release: string; n: number }>(db, recentSql(p), p)) countRecent(row.project_id, row.release, row.n);
  for (const row of all<BucketStart & { project_id: number; release: string; n: number }>(db, recentBucketsSql(p), p)) {
    if (bucketHour(row) >= p.from) countRecent(row.project_id, row.release, row.n);
  }
  for (const row of all<{ project_id: number; release: string; anr: number; foreground: number }>(db, anrSql(p), p)) {
    const counts = out.get(key(row.project_id, row.release));
    if (counts) [counts.anrUsers, counts.foregroundAnrUsers] = [row.anr, row.foreground];
  }
  for (const [k, counts] of out) {
    const project = Number(k.slice(0, k.indexOf('\u0000')));
    // Sentry's ANR rates are of users (`anr_users / all_users`), as Android vitals counts them.
    counts.anrRate = percent(counts.anrUsers, counts.users);
    counts.foregroundAnrRate = percent(counts.foregroundAnrUsers, counts.users);
    counts.crashFreeSessions = percent(counts.sessions - counts.bySession.crashed, counts.sessions);
    counts.crashFreeUsers = percent(counts.users - counts.crashedUsers, counts.users);
    counts.adoption = percent(counts.sessions24h, recent.get(project) ?? 0);
  }
  return out;
}

/** The health of one release of a project, `noSessions()` when it has none. */
export function releaseHealth(db: DB, project: number, release: string, environment?: string, now?: number): SessionCounts {
  return sessionHealth(db, { project, release, environment, now }).get(key(project, release)) ?? noSessions();
}

export const healthKey = key;

/** Single sessions per start hour by how they ended (`release_start_hours`); exported for the plan checks. */
export const singleHoursSql = `SELECT hour, ${SESSION_OUTCOMES.join(', ')} FROM release_start_hours
  WHERE project_id = @project AND release = @release AND environment = @level AND ${SESSION_OUTCOMES.join(' + ')} > 0`;

/** Buckets per `started` as sent and arrival hour (`release_bucket_starts`). */
export const bucketStartsSql = `SELECT started, received_hour, exited, errored, unhandled, abnormal, crashed FROM release_bucket_starts
  WHERE project_id = @project AND release = @release AND environment = @level AND buckets > 0`;

type BucketStart = Record<Exclude<SessionOutcome, 'healthy'>, number> & { exited: number; started: unknown; received_hour: number };

/** The hour a bucket started in: its `started` as sent, else (unreadable) the hour it arrived. */
function bucketHour(b: { started: unknown; received_hour: number }): number {
  const started = typeof b.started === 'string' ? Date.parse(b.started) : NaN;
  const ms = Number.isFinite(started) ? started : b.received_hour;
  return ms - (ms % HOUR_MS);
}

/**
 * A release's sessions per hour by how they ended, over its last `hours` hours up to its last
 * session: a single session and a bucket each in the hour it `started` (as Sentry's charts count a
 * session), not the hour it arrived: a process session reaches the server when it ends. A bucket
 * whose `started` does not parse counts in the hour it arrived.
 */
export function sessionHours(db: DB, project: number, release: string, environment: string | undefined, hours: number): SessionHour[] {
  const level = { project, release, level: environment || '' };
  const singles = db.prepare(singleHoursSql).all(level) as SessionHour[];
  const buckets = db.prepare(bucketStartsSql).all(level) as BucketStart[];
  const byHour = new Map<number, SessionHour>();
  const at = (hour: number) => {
    let h = byHour.get(hour);
    if (!h) byHour.set(hour, h = { hour, healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 });
    return h;
  };
  for (const s of singles) {
    const h = at(s.hour);
    for (const outcome of SESSION_OUTCOMES) h[outcome] += s[outcome];
  }
  for (const b of buckets) {
    const h = at(bucketHour(b));
    h.healthy += b.exited;
    h.errored += b.errored;
    h.unhandled += b.unhandled;
    h.abnormal += b.abnormal;
    h.crashed += b.crashed;
  }
  if (byHour.size === 0) return [];
  const last = Math.max(...byHour.keys());
  const first = Math.max(Math.min(...byHour.keys()), last - (hours - 1) * HOUR_MS);
  const dense: SessionHour[] = [];
  for (let hour = first; hour <= last; hour += HOUR_MS) dense.push(byHour.get(hour) ?? { hour, healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 });
  return dense;
}
