/**
 * Release health as Lookout computed it before migration 037, folding every session update per
 * read (src/core/api/release-health.ts at migration 036; since session 21 adoption counts sessions
 * by the hour they started, not by arrival): the from-scratch figures the counters must equal (`figures`).
 */
import type { SessionCounts, SessionHour, SessionOutcome } from '../../src/shared/api-releases';
import { SESSION_OUTCOMES } from '../../src/shared/api-releases';
import type { DB } from '../../src/core/store/db';
import * as counted from '../../src/core/api/release-health';

const HOUR_MS = 3600_000;

/**
 * How a single session ended, 0–4 in SESSION_OUTCOMES' order. Every update carries the session's
 * whole state and a terminal status is final, so its final status is the worst any update reports;
 * as relay counts them, `errors > 0` makes an ok or exited session errored.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionLike, is_error, is_fatal)
 */
const RANK = `MAX(CASE status WHEN 'crashed' THEN 4 WHEN 'abnormal' THEN 3 WHEN 'unhandled' THEN 2 WHEN 'errored' THEN 1
  ELSE ifnull(errors, 0) > 0 END)`;

/**
 * The scope as literal conditions, only those that apply: `(@x IS NULL OR col = @x)` would keep
 * SQLite from seeking the release's rows in the index.
 */
function scoped(scope: { project: unknown; release: unknown; environment: unknown }, alias = ''): string {
  return [scope.project !== null ? `${alias}project_id = @project` : '', scope.release !== null ? `${alias}release = @release` : '',
    scope.environment !== null ? `${alias}environment = @environment` : ''].filter(Boolean).map((c) => ` AND ${c}`).join('');
}

/** `from`: the first whole hour from 24 hours before now; adoption counts the sessions started from it on. */
export type Params = { project: number | null; release: string | null; environment: string | null; from: number };

/**
 * Single updates folded to one row per session (`sessions_release_sid`, migrations 031 and 036: no
 * payload read), with `started` (every update repeats it; as sent, an ISO string or epoch seconds) for the chart.
 */
const perSession = (p: Params, withStarted = false) => `SELECT project_id, release, ${RANK} AS rank, MAX(json_extract(payload, '$.did')) AS did,
    MIN(received) AS first_ms, MAX(received) AS last_ms${withStarted ? ", MIN(json_extract(payload, '$.started')) AS started" : ''}
  FROM sessions WHERE kind = 'session' AND release IS NOT NULL${scoped(p)}
  GROUP BY project_id, release, ifnull(sid, id)`;

/**
 * Aggregates (`sessions` items, `@sentry/node`'s server mode): one row per bucket, with its counts.
 * A bucket counts what ended in it, so its total is the sum of its statuses (relay's `total_count`).
 */
const buckets = (p: Params) => `SELECT s.project_id, s.release, s.received, json_extract(a.value, '$.did') AS did,
    json_extract(a.value, '$.started') AS started, ifnull(json_extract(a.value, '$.exited'), 0) AS exited,
    ifnull(json_extract(a.value, '$.errored'), 0) AS errored, ifnull(json_extract(a.value, '$.unhandled'), 0) AS unhandled,
    ifnull(json_extract(a.value, '$.abnormal'), 0) AS abnormal, ifnull(json_extract(a.value, '$.crashed'), 0) AS crashed
  FROM sessions s, json_each(s.payload, '$.aggregates') a
  WHERE s.kind = 'sessions' AND s.release IS NOT NULL${scoped(p, 's.')} AND a.type = 'object'`;

/**
 * Everything a release's health needs in one statement, the single updates folded once
 * (MATERIALIZED: read by two parts): per (project, release) the sessions by how they ended and how
 * many were seen in the last 24 hours (`part` 'sessions', then 'buckets'), and the users, a user
 * crashed when any of their sessions did, single or in a bucket ('users'). Exported for the plan checks.
 */
export const healthSql = (p: Params) => `WITH per AS MATERIALIZED (${perSession(p, true)}), bucket AS MATERIALIZED (${buckets(p)})
  SELECT 'sessions' AS part, project_id, release, SUM(rank = 0) AS healthy, SUM(rank = 1) AS errored, SUM(rank = 2) AS unhandled,
    SUM(rank = 3) AS abnormal, SUM(rank = 4) AS crashed, SUM(${STARTED_MS} - ${STARTED_MS} % ${HOUR_MS} >= @from) AS recent, 0 AS users, 0 AS crashed_users
  FROM per GROUP BY project_id, release
  UNION ALL SELECT 'buckets', project_id, release, SUM(exited), SUM(errored), SUM(unhandled), SUM(abnormal), SUM(crashed), 0, 0, 0
  FROM bucket GROUP BY project_id, release
  UNION ALL SELECT 'users', project_id, release, 0, 0, 0, 0, 0, 0, COUNT(*), SUM(crashed) FROM (
    SELECT project_id, release, did, MAX(crashed) AS crashed FROM (
      SELECT project_id, release, did, rank = 4 AS crashed FROM per WHERE did IS NOT NULL
      UNION ALL SELECT project_id, release, did, crashed > 0 FROM bucket WHERE did IS NOT NULL)
    GROUP BY project_id, release, did)
  GROUP BY project_id, release`;

/**
 * Single sessions per (project, release) that started (`STARTED_MS`, the first update's arrival
 * when unreadable) from `from` on: adoption's figures; summed per project, its denominator.
 */
const recentSinglesSql = (p: Params) => `SELECT project_id, release, SUM(${STARTED_MS} - ${STARTED_MS} % ${HOUR_MS} >= @from) AS n
  FROM (${perSession(p, true)}) GROUP BY project_id, release`;

type Counted = Record<SessionOutcome, number> & { project_id: number; release: string; recent: number; users: number; crashed_users: number };

export interface HealthScope {
  project?: number;
  release?: string;
  environment?: string;
  now?: number;
}

/** The named parameters `sql` uses: better-sqlite3 refuses an object missing one, so unused ones are kept too. */
function bound(sql: string, p: Params): Partial<Params> {
  return Object.fromEntries(Object.entries(p).filter(([name]) => sql.includes(`@${name}`)));
}

const key = (project: number, release: string) => `${project}\u0000${release}`;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

/** A release without sessions. */
export function noSessions(): SessionCounts {
  return { sessions: 0, bySession: { healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 }, users: 0, crashedUsers: 0,
    crashFreeSessions: null, crashFreeUsers: null, anrUsers: 0, foregroundAnrUsers: 0, anrRate: null, foregroundAnrRate: null,
    sessions24h: 0, adoption: null };
}

/** Users whose session ended abnormally in an ANR, and in a foreground one, read from every update (no index). */
const anrSql = (p: Params) => `SELECT project_id, release,
    COUNT(DISTINCT CASE WHEN json_extract(payload, '$.abnormal_mechanism') IN ('anr_foreground', 'anr_background') THEN json_extract(payload, '$.did') END) AS anr,
    COUNT(DISTINCT CASE WHEN json_extract(payload, '$.abnormal_mechanism') = 'anr_foreground' THEN json_extract(payload, '$.did') END) AS foreground
  FROM sessions NOT INDEXED WHERE kind = 'session' AND status = 'abnormal' AND release IS NOT NULL${scoped(p)} GROUP BY project_id, release`;

/**
 * Release health per (project, release) in scope: sessions by how they ended, crash-free sessions
 * and users (a crash is `crashed`: Sentry's `1 - crashed / total`), and adoption (its share of the
 * project's sessions of the last 24 hours).
 * @see https://docs.sentry.io/product/releases/health/
 */
export function sessionHealth(db: DB, scope: HealthScope): Map<string, SessionCounts> {
  const since = (scope.now ?? Date.now()) - 24 * HOUR_MS;
  const params: Params = { project: scope.project ?? null, release: scope.release ?? null, environment: scope.environment ?? null,
    from: Math.ceil(since / HOUR_MS) * HOUR_MS };
  const out = new Map<string, SessionCounts>();
  const entry = (project: number, release: string) => {
    const k = key(project, release);
    let counts = out.get(k);
    if (!counts) out.set(k, counts = noSessions());
    return counts;
  };
  const singlesRecent: { project_id: number; release: string; n: number }[] = [];
  for (const row of all(db, healthSql(params), params) as Counted[]) {
    if (row.recent) singlesRecent.push({ project_id: row.project_id, release: row.release, n: row.recent });
    const counts = entry(row.project_id, row.release);
    for (const outcome of SESSION_OUTCOMES) {
      counts.bySession[outcome] += row[outcome] ?? 0;
      counts.sessions += row[outcome] ?? 0;
    }
    counts.users += row.users;
    counts.crashedUsers += row.crashed_users ?? 0;
  }
  const recent = new Map<number, number>();
  const countRecent = (project: number, release: string, n: number) => {
    recent.set(project, (recent.get(project) ?? 0) + n);
    const counts = out.get(key(project, release));
    if (counts) counts.sessions24h += n;
  };
  const everyRelease: Params = { ...params, release: null };
  // Every release's sessions fold once more only when one release is read (the list has them all already).
  const singles = params.release === null ? singlesRecent
    : all(db, recentSinglesSql(everyRelease), everyRelease) as { project_id: number; release: string; n: number }[];
  for (const row of singles) countRecent(row.project_id, row.release, row.n);
  for (const b of all(db, buckets(everyRelease), everyRelease) as (BucketRow & { project_id: number; release: string })[]) {
    if (bucketHour(b) >= params.from) countRecent(b.project_id, b.release, b.exited + b.errored + b.unhandled + b.abnormal + b.crashed);
  }
  for (const row of all(db, anrSql(params), params) as { project_id: number; release: string; anr: number; foreground: number }[]) {
    const counts = out.get(key(row.project_id, row.release));
    if (counts) [counts.anrUsers, counts.foregroundAnrUsers] = [row.anr, row.foreground];
  }
  for (const [k, counts] of out) {
    const project = Number(k.slice(0, k.indexOf('\u0000')));
    counts.crashFreeSessions = percent(counts.sessions - counts.bySession.crashed, counts.sessions);
    counts.crashFreeUsers = percent(counts.users - counts.crashedUsers, counts.users);
    counts.anrRate = percent(counts.anrUsers, counts.users);
    counts.foregroundAnrRate = percent(counts.foregroundAnrUsers, counts.users);
    counts.adoption = percent(counts.sessions24h, recent.get(project) ?? 0);
  }
  return out;
}

/** The health of one release of a project, `noSessions()` when it has none. */
export function releaseHealth(db: DB, project: number, release: string, environment?: string, now?: number): SessionCounts {
  return sessionHealth(db, { project, release, environment, now }).get(key(project, release)) ?? noSessions();
}

export const healthKey = key;

function all(db: DB, sql: string, p: Params): unknown[] {
  return db.prepare(sql).all(bound(sql, p));
}

/**
 * A session's `started` in epoch ms: SQLite reads ISO 8601 with `Z` or an offset (`julianday`),
 * relay's other form is epoch seconds; when neither, the session's first update's arrival.
 */
const STARTED_MS = `CAST(ifnull(CASE WHEN typeof(started) IN ('integer', 'real') THEN started * 1000
  ELSE (julianday(started) - 2440587.5) * 86400000 END, first_ms) AS INTEGER)`;

/** Single sessions per start hour and outcome; exported for the plan checks. */
export const singleHoursSql = (p: Params) => `SELECT ms - ms % ${HOUR_MS} AS hour, rank, COUNT(*) AS n
  FROM (SELECT ${STARTED_MS} AS ms, rank FROM (${perSession(p, true)})) GROUP BY hour, rank`;

type BucketRow = Record<Exclude<SessionOutcome, 'healthy'>, number> & { exited: number; started: unknown; received: number };

/** The hour a bucket started in: `started` as sent (`Date.parse`), else the time it arrived. */
function bucketHour(b: { started: unknown; received: number }): number {
  const started = typeof b.started === 'string' ? Date.parse(b.started) : NaN;
  const ms = Number.isFinite(started) ? started : b.received;
  return ms - (ms % HOUR_MS);
}

/**
 * A release's sessions per hour by how they ended, over its last `hours` hours up to its last
 * session: a single session and a bucket each in the hour it `started` (as Sentry's charts count a
 * session), not the hour it arrived: a process session reaches the server when it ends.
 */
export function sessionHours(db: DB, project: number, release: string, environment: string | undefined, hours: number): SessionHour[] {
  const params: Params = { project, release, environment: environment ?? null, from: 0 };
  const singlesSql = singleHoursSql(params);
  const bucketsSql = `SELECT started, received, exited, errored, unhandled, abnormal, crashed FROM (${buckets(params)})`;
  const singles = db.prepare(singlesSql).all(bound(singlesSql, params)) as { hour: number; rank: number; n: number }[];
  const bucketRows = db.prepare(bucketsSql).all(bound(bucketsSql, params)) as BucketRow[];
  const byHour = new Map<number, SessionHour>();
  const at = (hour: number) => {
    let h = byHour.get(hour);
    if (!h) byHour.set(hour, h = { hour, healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 });
    return h;
  };
  for (const s of singles) {
    const outcome = SESSION_OUTCOMES[s.rank];
    if (outcome) at(s.hour)[outcome] += s.n;
  }
  for (const b of bucketRows) {
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

type Impl = Pick<typeof counted, 'sessionHealth' | 'sessionHours'>;

/** This module's reads, to compare with the counters' (`src/core/api/release-health.ts`). */
export const reference: Impl = { sessionHealth, sessionHours };
export const counters: Impl = counted;

/**
 * Every figure one implementation gives for `now`, by scope: the list's (all projects and project
 * 1; every environment and each of `environments`) and, with `charts`, every release's chart (which
 * does not depend on `now`). Two implementations
 * agree when these are equal.
 */
export function figures(impl: Impl, db: DB, now: number, environments: readonly string[], charts = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const releases = db.prepare('SELECT DISTINCT project_id, release FROM sessions WHERE release IS NOT NULL ORDER BY 1, 2').raw().all() as [number, string][];
  for (const environment of [undefined, ...environments]) {
    for (const project of [undefined, 1]) {
      const health = impl.sessionHealth(db, { project, environment, now });
      out[`health ${environment ?? '*'} ${project ?? '*'}`] = Object.fromEntries([...health].sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    if (charts) for (const [project, release] of releases) out[`chart ${environment ?? '*'} ${project} ${release}`] = impl.sessionHours(db, project, release, environment, 168);
  }
  return out;
}

/** An index like migration 036's `sessions_release_sid` (037 dropped it), so the reference reads a big store in time. */
export function indexForReference(db: DB): void {
  db.exec(`CREATE INDEX IF NOT EXISTS reference_release_sid ON sessions(project_id, release, ifnull(sid, id), environment, status, errors,
    json_extract(payload, '$.did'), received, kind, json_extract(payload, '$.started')) WHERE kind = 'session'`);
}
