/**
 * Release health kept as sessions arrive (`api/release-health.ts`), as Sentry's releases list
 * reads pre-aggregated session counts: folding every session update per read took 134–800 ms at
 * 200,000 updates.
 *
 * Two levels, so every figure stays what folding the updates gave: environment '' holds every
 * environment (a session is one `sid` across them, a user one `did`), a named one its own.
 * - `session_states`: each session's final state per (project, release, level), `skey` being
 *   `ifnull(sid, id)` (an update without `sid` is its own session, as relay gives it one): the worst
 *   status (0–4, `errors > 0` making ok/exited errored), the greatest `did`, the least `started`, the
 *   hours of its first and last update. A trigger on the `sessions` insert folds each update in and
 *   writes nothing when the update changes none of these (most: same status, same hour). Keyed by
 *   project and `skey` first, so a session's rows (levels, releases) share a page: one page a new
 *   session dirties, where the per-update index `sessions_release_sid` (dropped here) dirtied one
 *   per update.
 * - `session_buckets`: each bucket of a `sessions` item (aggregates), as sent.
 * - Counters kept by triggers on those two: `release_health` (sessions by final status; users and
 *   crashed users from `release_users`, a user's sessions and crashed ones), `release_start_hours`
 *   (the chart: sessions by the hour they started), `release_bucket_starts` (buckets by `started` as
 *   sent, which the reader parses, and arrival hour), `session_end_hours` (sessions by the hour of
 *   their last update, bucket sessions by arrival: the last 24 hours) and `project_end_hours`
 *   (adoption's denominator: a `sid` once per project, in the hour of its last update in any release).
 * Retention and deletes fold again the sessions whose updates they delete (`store/session-fold.ts`);
 * "Delete all data" empties `release_health` first, so emptying the rest takes nothing back.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionLike)
 * @see https://docs.sentry.io/product/releases/health/
 */
const HOUR = 3_600_000;
const hourOf = (ms: string) => `(${ms} - ${ms} % ${HOUR})`;
const RANK = (r: string) => `CASE ${r}.status WHEN 'crashed' THEN 4 WHEN 'abnormal' THEN 3 WHEN 'unhandled' THEN 2 WHEN 'errored' THEN 1
  ELSE ifnull(${r}.errors, 0) > 0 END`;
/** The levels a bucket counts in: every environment (''), and its own when it names one. */
const levels = (r: string) => `(SELECT '' AS environment UNION ALL SELECT ${r}.environment WHERE ${r}.environment <> '')`;
const STARTED_MS = `CAST(ifnull(CASE WHEN typeof(started) IN ('integer', 'real') THEN started * 1000
  ELSE (julianday(started) - 2440587.5) * 86400000 END, first_hour) AS INTEGER)`;
const OUTCOMES = ['healthy', 'errored', 'unhandled', 'abnormal', 'crashed'];
const BUCKET_COUNTS = ['exited', 'errored', 'unhandled', 'abnormal', 'crashed'];
const list = (names: readonly string[], as: (name: string, i: number) => string) => names.map(as).join(', ');
const added = (names: readonly string[]) => list(names, (n) => `${n} = ${n} + excluded.${n}`);
const asBucket = (r: string, sign: number) => list(BUCKET_COUNTS, (c) => `${sign} * (${r}.${c} + 0)`);

/**
 * A session's state `r` counted (`sign` 1) or taken back (-1) in its level's counters, each only
 * when `changed(column)` holds: a state that moved is taken back and counted again where it differs.
 */
const stateCounted = (r: string, sign: number, changed: (what: string) => string = () => 'true') => `
  INSERT INTO release_health (project_id, release, environment, items, ${OUTCOMES.join(', ')}, users, crashed_users)
    SELECT ${r}.project_id, ${r}.release, ${r}.environment, ${changed('items')} * ${sign}, ${list(OUTCOMES, (_, i) => `${sign} * (${r}.outcome = ${i})`)}, 0, 0
    WHERE ${changed('outcome')} ON CONFLICT DO UPDATE SET items = items + excluded.items, ${added(OUTCOMES)};
  INSERT INTO release_start_hours (project_id, release, environment, hour, ${OUTCOMES.join(', ')})
    SELECT ${r}.project_id, ${r}.release, ${r}.environment, ${r}.start_hour, ${list(OUTCOMES, (_, i) => `${sign} * (${r}.outcome = ${i})`)}
    WHERE ${changed('outcome')} OR ${changed('start_hour')} ON CONFLICT DO UPDATE SET ${added(OUTCOMES)};
  INSERT INTO session_end_hours (environment, hour, project_id, release, sessions, bucket_sessions)
    SELECT ${r}.environment, ${r}.last_hour, ${r}.project_id, ${r}.release, ${sign}, 0
    WHERE ${changed('last_hour')} ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;
  INSERT INTO release_users (project_id, release, did, environment, sessions, crashed)
    SELECT ${r}.project_id, ${r}.release, ${r}.did, ${r}.environment, ${sign}, ${sign} * (${r}.outcome = 4)
    WHERE ${r}.did IS NOT NULL AND (${changed('did')} OR ${changed('outcome = 4')})
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions, crashed = crashed + excluded.crashed;`;

/** For the update trigger: whether `what` differs between old and new (`items` never does). */
const differs = (what: string) => (what === 'items' ? '0' : `(old.${what}) IS NOT (new.${what})`);

/** The state rows of `r`'s session in the project's other releases, at its level (on the same page). */
const otherReleases = (r: string) => `session_states s WHERE s.project_id = ${r}.project_id AND s.skey = ${r}.skey
    AND s.environment = ${r}.environment AND s.release <> ${r}.release`;
/** The project's last hour of `r`'s session: the latest of its other releases' and `own` (NULL: none). */
const projectLast = (r: string, own: string | null) => {
  const others = `(SELECT max(s.last_hour) FROM ${otherReleases(r)})`;
  return own === null ? others : `max(ifnull(${others}, ${own}), ${own})`;
};
/**
 * Adoption's denominator, when `guard` holds (tested first, as it is cheap): `r`'s session moved
 * from the hour `from` to the hour `to` (either NULL: none).
 */
const projectMoved = (r: string, guard: string, from: string, to: string) => `
  UPDATE project_end_hours SET sessions = sessions - 1 WHERE ${guard} AND environment = ${r}.environment AND project_id = ${r}.project_id
    AND hour = ${from} AND ${from} IS NOT ${to};
  INSERT INTO project_end_hours (environment, hour, project_id, sessions) SELECT ${r}.environment, ${to}, ${r}.project_id, 1
    WHERE ${guard} AND ${to} IS NOT NULL AND ${to} IS NOT ${from} ON CONFLICT DO UPDATE SET sessions = sessions + 1;`;

/** A bucket `r` counted (`sign` 1) or taken back (-1) at its levels. */
const bucketCounted = (r: string, sign: number) => `
  INSERT INTO release_health (project_id, release, environment, items, ${OUTCOMES.join(', ')}, users, crashed_users)
    SELECT ${r}.project_id, ${r}.release, l.environment, ${sign}, ${asBucket(r, sign)}, 0, 0 FROM ${levels(r)} l WHERE true
    ON CONFLICT DO UPDATE SET items = items + excluded.items, ${added(OUTCOMES)};
  INSERT INTO release_bucket_starts (project_id, release, environment, started, received_hour, buckets, ${BUCKET_COUNTS.join(', ')})
    SELECT ${r}.project_id, ${r}.release, l.environment, CASE WHEN typeof(${r}.started) = 'text' THEN ${r}.started ELSE '' END,
      ${hourOf(`${r}.received`)}, ${sign}, ${asBucket(r, sign)} FROM ${levels(r)} l WHERE true
    ON CONFLICT DO UPDATE SET buckets = buckets + excluded.buckets, ${added(BUCKET_COUNTS)};
  INSERT INTO session_end_hours (environment, hour, project_id, release, sessions, bucket_sessions)
    SELECT l.environment, ${hourOf(`${r}.received`)}, ${r}.project_id, ${r}.release, 0, ${sign} * (${BUCKET_COUNTS.map((c) => `${r}.${c}`).join(' + ')})
    FROM ${levels(r)} l WHERE true ON CONFLICT DO UPDATE SET bucket_sessions = bucket_sessions + excluded.bucket_sessions;
  INSERT INTO release_users (project_id, release, did, environment, sessions, crashed)
    SELECT ${r}.project_id, ${r}.release, ${r}.did, l.environment, ${sign}, ${sign} * (${r}.crashed > 0) FROM ${levels(r)} l WHERE ${r}.did IS NOT NULL
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions, crashed = crashed + excluded.crashed;`;

const STATE_COLUMNS = 'project_id, skey, release, environment, outcome, did, started, first_hour, last_hour';

/** One update folded into its session's state at `level`: nothing written when it changes nothing. */
const fold = (level: string, when: string) => `INSERT INTO session_states (${STATE_COLUMNS})
    SELECT new.project_id, ifnull(new.sid, new.id), new.release, ${level}, ${RANK('new')}, json_extract(new.payload, '$.did'),
      json_extract(new.payload, '$.started'), ${hourOf('new.received')}, ${hourOf('new.received')} WHERE ${when}
    ON CONFLICT DO UPDATE SET outcome = max(outcome, excluded.outcome), did = coalesce(max(did, excluded.did), did, excluded.did),
      started = coalesce(min(started, excluded.started), started, excluded.started),
      first_hour = min(first_hour, excluded.first_hour), last_hour = max(last_hour, excluded.last_hour)
    WHERE excluded.outcome > outcome OR excluded.last_hour > last_hour OR excluded.first_hour < first_hour
      OR (excluded.did IS NOT NULL AND (did IS NULL OR excluded.did > did))
      OR (excluded.started IS NOT NULL AND (started IS NULL OR excluded.started < started));`;

/**
 * The fold of `sessions` rows into a state (GROUP BY the session), for the backfill and for deletes.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionUpdate)
 */
export const FOLD_COLUMNS = `MAX(${RANK('sessions')}), MAX(json_extract(payload, '$.did')), MIN(json_extract(payload, '$.started')),
  ${hourOf('MIN(received)')}, ${hourOf('MAX(received)')}`;

export const sql = `
CREATE TABLE session_states (
  project_id INTEGER NOT NULL, skey NOT NULL, release TEXT NOT NULL, environment TEXT NOT NULL,
  outcome INTEGER NOT NULL, did, started, first_hour INTEGER NOT NULL, last_hour INTEGER NOT NULL,
  start_hour INTEGER GENERATED ALWAYS AS (${STARTED_MS} / ${HOUR} * ${HOUR}) STORED,
  PRIMARY KEY (project_id, skey, release, environment)
) WITHOUT ROWID;
CREATE TABLE session_buckets (
  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, project_id INTEGER NOT NULL, release TEXT NOT NULL, environment TEXT,
  did, started, received INTEGER NOT NULL, exited, errored, unhandled, abnormal, crashed
);
CREATE INDEX session_buckets_session ON session_buckets(session_id);
CREATE INDEX session_buckets_received ON session_buckets(received);
CREATE TABLE release_health (
  project_id INTEGER NOT NULL, release TEXT NOT NULL, environment TEXT NOT NULL, items INTEGER NOT NULL,
  healthy NOT NULL, errored NOT NULL, unhandled NOT NULL, abnormal NOT NULL, crashed NOT NULL, users INTEGER NOT NULL, crashed_users INTEGER NOT NULL,
  PRIMARY KEY (project_id, release, environment)
) WITHOUT ROWID;
CREATE TABLE release_users (
  project_id INTEGER NOT NULL, release TEXT NOT NULL, did NOT NULL, environment TEXT NOT NULL, sessions INTEGER NOT NULL, crashed INTEGER NOT NULL,
  PRIMARY KEY (project_id, release, did, environment)
) WITHOUT ROWID;
CREATE TABLE release_start_hours (
  project_id INTEGER NOT NULL, release TEXT NOT NULL, environment TEXT NOT NULL, hour INTEGER NOT NULL,
  healthy INTEGER NOT NULL, errored INTEGER NOT NULL, unhandled INTEGER NOT NULL, abnormal INTEGER NOT NULL, crashed INTEGER NOT NULL,
  PRIMARY KEY (project_id, release, environment, hour)
) WITHOUT ROWID;
CREATE TABLE release_bucket_starts (
  project_id INTEGER NOT NULL, release TEXT NOT NULL, environment TEXT NOT NULL, started NOT NULL, received_hour INTEGER NOT NULL,
  buckets INTEGER NOT NULL, exited NOT NULL, errored NOT NULL, unhandled NOT NULL, abnormal NOT NULL, crashed NOT NULL,
  PRIMARY KEY (project_id, release, environment, started, received_hour)
) WITHOUT ROWID;
CREATE TABLE session_end_hours (
  environment TEXT NOT NULL, hour INTEGER NOT NULL, project_id INTEGER NOT NULL, release TEXT NOT NULL,
  sessions INTEGER NOT NULL, bucket_sessions NOT NULL,
  PRIMARY KEY (environment, hour, project_id, release)
) WITHOUT ROWID;
CREATE TABLE project_end_hours (
  environment TEXT NOT NULL, hour INTEGER NOT NULL, project_id INTEGER NOT NULL, sessions INTEGER NOT NULL,
  PRIMARY KEY (environment, hour, project_id)
) WITHOUT ROWID;

CREATE TRIGGER session_state_fold AFTER INSERT ON sessions WHEN new.kind = 'session' AND new.release IS NOT NULL BEGIN
  ${fold("''", 'true')}
  ${fold('new.environment', "new.environment <> ''")}
END;
CREATE TRIGGER session_buckets_kept AFTER INSERT ON sessions WHEN new.kind = 'sessions' AND new.release IS NOT NULL BEGIN
  INSERT INTO session_buckets (session_id, project_id, release, environment, did, started, received, ${BUCKET_COUNTS.join(', ')})
    SELECT new.id, new.project_id, new.release, new.environment, json_extract(a.value, '$.did'), json_extract(a.value, '$.started'), new.received,
      ${list(BUCKET_COUNTS, (c) => `ifnull(json_extract(a.value, '$.${c}'), 0)`)}
    FROM json_each(new.payload, '$.aggregates') a WHERE a.type = 'object';
END;

CREATE TRIGGER session_state_added AFTER INSERT ON session_states BEGIN ${stateCounted('new', 1)}
  INSERT INTO project_end_hours (environment, hour, project_id, sessions) SELECT new.environment, new.last_hour, new.project_id, 1
    WHERE NOT EXISTS (SELECT 1 FROM ${otherReleases('new')}) ON CONFLICT DO UPDATE SET sessions = sessions + 1;
  ${projectMoved('new', `EXISTS (SELECT 1 FROM ${otherReleases('new')})`, projectLast('new', null), projectLast('new', 'new.last_hour'))}
END;
CREATE TRIGGER session_state_changed AFTER UPDATE ON session_states BEGIN ${stateCounted('old', -1, differs)} ${stateCounted('new', 1, differs)}
  ${projectMoved('new', 'old.last_hour <> new.last_hour', projectLast('old', 'old.last_hour'), projectLast('new', 'new.last_hour'))}
END;
CREATE TRIGGER session_state_removed AFTER DELETE ON session_states WHEN EXISTS (SELECT 1 FROM release_health) BEGIN ${stateCounted('old', -1)}
  ${projectMoved('old', 'true', projectLast('old', 'old.last_hour'), projectLast('old', null))}
END;
CREATE TRIGGER session_bucket_added AFTER INSERT ON session_buckets BEGIN ${bucketCounted('new', 1)}
END;
CREATE TRIGGER session_bucket_removed AFTER DELETE ON session_buckets WHEN EXISTS (SELECT 1 FROM release_health) BEGIN ${bucketCounted('old', -1)}
END;
CREATE TRIGGER release_user_added AFTER INSERT ON release_users BEGIN
  UPDATE release_health SET users = users + (new.sessions > 0), crashed_users = crashed_users + (new.crashed > 0)
    WHERE project_id = new.project_id AND release = new.release AND environment = new.environment;
END;
CREATE TRIGGER release_user_changed AFTER UPDATE ON release_users
  WHEN (old.sessions > 0) <> (new.sessions > 0) OR (old.crashed > 0) <> (new.crashed > 0) BEGIN
  UPDATE release_health SET users = users + (new.sessions > 0) - (old.sessions > 0), crashed_users = crashed_users + (new.crashed > 0) - (old.crashed > 0)
    WHERE project_id = new.project_id AND release = new.release AND environment = new.environment;
END;

INSERT INTO session_states (${STATE_COLUMNS})
  SELECT project_id, ifnull(sid, id), release, '', ${FOLD_COLUMNS}
  FROM sessions WHERE kind = 'session' AND release IS NOT NULL GROUP BY project_id, release, ifnull(sid, id);
INSERT INTO session_states (${STATE_COLUMNS})
  SELECT project_id, ifnull(sid, id), release, environment, ${FOLD_COLUMNS}
  FROM sessions WHERE kind = 'session' AND release IS NOT NULL AND environment <> '' GROUP BY project_id, release, ifnull(sid, id), environment;
INSERT INTO session_buckets (session_id, project_id, release, environment, did, started, received, ${BUCKET_COUNTS.join(', ')})
  SELECT s.id, s.project_id, s.release, s.environment, json_extract(a.value, '$.did'), json_extract(a.value, '$.started'), s.received,
    ${list(BUCKET_COUNTS, (c) => `ifnull(json_extract(a.value, '$.${c}'), 0)`)}
  FROM sessions s, json_each(s.payload, '$.aggregates') a WHERE s.kind = 'sessions' AND s.release IS NOT NULL AND a.type = 'object';
DROP INDEX sessions_release_sid;
DROP INDEX sessions_release_aggregates;
`;
