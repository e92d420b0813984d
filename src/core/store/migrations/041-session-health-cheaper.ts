/**
 * Release health counters (migration 037) kept with less work per session update, every figure
 * the same:
 * - One statement folds an update into both levels (every environment '' and its own), where two
 *   ran.
 * - A user's row (`release_users`) no longer has triggers of its own: the statement that counts a
 *   session or bucket in `release_health` reads the user's row first and counts the user (and a
 *   crashed user) there when the row goes from none to some; a write and a trigger hop fewer.
 * - A state that changes moves its counts in one statement per table (old and new rows together).
 * - Adoption's denominator needs no write for a session in one release (`projectCorrected`).
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionLike)
 * @see https://docs.sentry.io/product/releases/health/
 */
const HOUR = 3_600_000;
const hourOf = (ms: string) => `(${ms} - ${ms} % ${HOUR})`;
const RANK = `CASE new.status WHEN 'crashed' THEN 4 WHEN 'abnormal' THEN 3 WHEN 'unhandled' THEN 2 WHEN 'errored' THEN 1
  ELSE ifnull(new.errors, 0) > 0 END`;
/** The levels a row counts in: every environment (''), and its own when it names one. */
const levels = (r: string) => `(SELECT '' AS environment UNION ALL SELECT ${r}.environment WHERE ${r}.environment <> '')`;
const OUTCOMES = ['healthy', 'errored', 'unhandled', 'abnormal', 'crashed'];
const BUCKET_COUNTS = ['exited', 'errored', 'unhandled', 'abnormal', 'crashed'];
const list = (names: readonly string[], as: (name: string, i: number) => string) => names.map(as).join(', ');
const added = (names: readonly string[]) => list(names, (n) => `${n} = ${n} + excluded.${n}`);
const asBucket = (r: string, sign: number) => list(BUCKET_COUNTS, (c) => `${sign} * (${r}.${c} + 0)`);
const STATE_COLUMNS = 'project_id, skey, release, environment, outcome, did, started, first_hour, last_hour';

/** The user row of `did` for `r`'s release at `environment`, as a `(sessions, crashed)` lookup. */
const userRow = (r: string, did: string, environment: string) => `release_users u WHERE u.project_id = ${r}.project_id
  AND u.release = ${r}.release AND u.did = ${did} AND u.environment = ${environment}`;
/**
 * The change to `users` / `crashed_users` when a session or bucket of user `did` is counted
 * (`sign` 1: the user is new when their row has no session yet) or taken back (-1: gone when it
 * had one), `crashed` telling whether it crashed; read before the user's row is written.
 */
const userDelta = (r: string, did: string, environment: string, sign: 1 | -1, crashed: string) => {
  const had = sign === 1 ? '0' : '1';
  return {
    users: `(${did} IS NOT NULL AND ifnull((SELECT u.sessions FROM ${userRow(r, did, environment)}), 0) = ${had}) * ${sign}`,
    crashed: `(${did} IS NOT NULL AND ${crashed} AND ifnull((SELECT u.crashed FROM ${userRow(r, did, environment)}), 0) = ${had}) * ${sign}`,
  };
};

/** A user row written for a session or bucket counted (`sign` 1) or taken back (-1). */
const userWritten = (r: string, did: string, environment: string, sign: 1 | -1, crashed: string, when = 'true') => `
  INSERT INTO release_users (project_id, release, did, environment, sessions, crashed)
    SELECT ${r}.project_id, ${r}.release, ${did}, ${environment}, ${sign}, ${sign} * (${crashed}) WHERE ${did} IS NOT NULL AND ${when}
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions, crashed = crashed + excluded.crashed;`;

/** A session's state `r` counted (`sign` 1, a new state) or taken back (-1, a deleted one). */
const stateCounted = (r: string, sign: 1 | -1) => {
  const user = userDelta(r, `${r}.did`, `${r}.environment`, sign, `${r}.outcome = 4`);
  return `
  INSERT INTO release_health (project_id, release, environment, items, ${OUTCOMES.join(', ')}, users, crashed_users)
    SELECT ${r}.project_id, ${r}.release, ${r}.environment, ${sign}, ${list(OUTCOMES, (_, i) => `${sign} * (${r}.outcome = ${i})`)},
      ${user.users}, ${user.crashed} WHERE true
    ON CONFLICT DO UPDATE SET items = items + excluded.items, ${added(OUTCOMES)}, users = users + excluded.users,
      crashed_users = crashed_users + excluded.crashed_users;
  INSERT INTO release_start_hours (project_id, release, environment, hour, ${OUTCOMES.join(', ')})
    SELECT ${r}.project_id, ${r}.release, ${r}.environment, ${r}.start_hour, ${list(OUTCOMES, (_, i) => `${sign} * (${r}.outcome = ${i})`)}
    WHERE true ON CONFLICT DO UPDATE SET ${added(OUTCOMES)};
  INSERT INTO session_end_hours (environment, hour, project_id, release, sessions, bucket_sessions)
    VALUES (${r}.environment, ${r}.last_hour, ${r}.project_id, ${r}.release, ${sign}, 0)
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;
  ${userWritten(r, `${r}.did`, `${r}.environment`, sign, `${r}.outcome = 4`)}`;
};

/** The latest last hour of `r`'s session in the project's other releases at its level (NULL: none; same page). */
const othersLast = (r: string) => `(SELECT max(s.last_hour) FROM session_states s WHERE s.project_id = ${r}.project_id
  AND s.skey = ${r}.skey AND s.environment = ${r}.environment AND s.release <> ${r}.release)`;

/** The project's last hour of `r`'s session: the later of `others` (`othersLast`) and its own (`NULL`: none). */
const projectLast = (others: string, own: string) => (own === 'NULL' ? others : `max(ifnull(${others}, ${own}), ${own})`);

/**
 * Adoption's denominator, a `sid` once per project in the hour of its last update in any release,
 * is now `session_end_hours` (each release's last hour) plus `project_end_hours` as a correction:
 * for a session in several releases, -1 at each release's last hour and +1 at the latest. A session
 * in one release (most) needs none, so only a lookup of its other releases is paid, when `guard`
 * holds and `r`'s own last hour moved from `from` to `to` (either NULL: none).
 */
const projectCorrected = (r: string, from: string, to: string, guard = 'true') => {
  const moves = [[projectLast('o.h', to), 1], [projectLast('o.h', from), -1], [to, -1], [from, 1]] as const;
  return `
  INSERT INTO project_end_hours (environment, hour, project_id, sessions)
    SELECT ${r}.environment, hour, ${r}.project_id, sum(n) FROM (SELECT CASE d.k ${moves.map(([hour], i) => `WHEN ${i} THEN ${hour}`).join(' ')} END AS hour,
        CASE d.k ${moves.map(([, n], i) => `WHEN ${i} THEN ${n}`).join(' ')} END AS n
      FROM (SELECT ${othersLast(r)} AS h) o, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) d
      WHERE ${guard} AND o.h IS NOT NULL)
    WHERE hour IS NOT NULL GROUP BY hour HAVING sum(n) <> 0 ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;`;
};

/**
 * A state that moved: taken back as `old` and counted as `new`, one statement per table. Its key
 * (project, skey, release, level) never changes, so `release_health` is one row; the user counts
 * move when the user or a crash did.
 */
const stateMoved = () => {
  const sameUser = 'old.did IS new.did';
  const crashMoved = '(old.outcome = 4) <> (new.outcome = 4)';
  const oldUser = userDelta('old', 'old.did', 'old.environment', -1, 'old.outcome = 4');
  const newUser = userDelta('new', 'new.did', 'new.environment', 1, 'new.outcome = 4');
  // The same user: only a crash that came or went moves `crashed_users` (the session stays theirs).
  const sameCrash = `(new.did IS NOT NULL) * CASE WHEN new.outcome = 4
    THEN ifnull((SELECT u.crashed FROM ${userRow('new', 'new.did', 'new.environment')}), 0) = 0
    ELSE -(ifnull((SELECT u.crashed FROM ${userRow('new', 'new.did', 'new.environment')}), 0) = 1) END`;
  return `
  UPDATE release_health SET ${list(OUTCOMES, (o, i) => `${o} = ${o} + (new.outcome = ${i}) - (old.outcome = ${i})`)},
    users = users + CASE WHEN ${sameUser} THEN 0 ELSE ${oldUser.users} + ${newUser.users} END,
    crashed_users = crashed_users + CASE WHEN ${sameUser} THEN CASE WHEN ${crashMoved} THEN ${sameCrash} ELSE 0 END
      ELSE ${oldUser.crashed} + ${newUser.crashed} END
    WHERE (old.outcome <> new.outcome OR NOT ${sameUser})
      AND project_id = new.project_id AND release = new.release AND environment = new.environment;
  INSERT INTO release_start_hours (project_id, release, environment, hour, ${OUTCOMES.join(', ')})
    SELECT new.project_id, new.release, new.environment, r.hour, ${list(OUTCOMES, (_, i) => `r.sign * (r.outcome = ${i})`)}
    FROM (SELECT old.start_hour AS hour, old.outcome AS outcome, -1 AS sign UNION ALL SELECT new.start_hour, new.outcome, 1) r
    WHERE old.outcome <> new.outcome OR old.start_hour IS NOT new.start_hour
    ON CONFLICT DO UPDATE SET ${added(OUTCOMES)};
  INSERT INTO session_end_hours (environment, hour, project_id, release, sessions, bucket_sessions)
    SELECT new.environment, r.hour, new.project_id, new.release, r.sign, 0
    FROM (SELECT old.last_hour AS hour, -1 AS sign UNION ALL SELECT new.last_hour, 1) r WHERE old.last_hour <> new.last_hour
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;
  INSERT INTO release_users (project_id, release, did, environment, sessions, crashed)
    SELECT new.project_id, new.release, r.did, new.environment, r.sign, r.sign * r.crashed
    FROM (SELECT old.did AS did, old.outcome = 4 AS crashed, -1 AS sign UNION ALL SELECT new.did, new.outcome = 4, 1) r
    WHERE r.did IS NOT NULL AND (NOT ${sameUser} OR ${crashMoved})
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions, crashed = crashed + excluded.crashed;`;
};

/** A bucket `r` counted (`sign` 1) or taken back (-1) at its levels. */
const bucketCounted = (r: string, sign: 1 | -1) => {
  const user = userDelta(r, `${r}.did`, 'l.environment', sign, `${r}.crashed > 0`);
  return `
  INSERT INTO release_health (project_id, release, environment, items, ${OUTCOMES.join(', ')}, users, crashed_users)
    SELECT ${r}.project_id, ${r}.release, l.environment, ${sign}, ${asBucket(r, sign)}, ${user.users}, ${user.crashed}
    FROM ${levels(r)} l WHERE true
    ON CONFLICT DO UPDATE SET items = items + excluded.items, ${added(OUTCOMES)}, users = users + excluded.users,
      crashed_users = crashed_users + excluded.crashed_users;
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
};

export const sql = `
DROP TRIGGER session_state_fold;
DROP TRIGGER session_state_added;
DROP TRIGGER session_state_changed;
DROP TRIGGER session_state_removed;
DROP TRIGGER session_bucket_added;
DROP TRIGGER session_bucket_removed;
DROP TRIGGER release_user_added;
DROP TRIGGER release_user_changed;

CREATE TRIGGER session_state_fold AFTER INSERT ON sessions WHEN new.kind = 'session' AND new.release IS NOT NULL BEGIN
  INSERT INTO session_states (${STATE_COLUMNS})
    SELECT new.project_id, ifnull(new.sid, new.id), new.release, l.environment, ${RANK}, json_extract(new.payload, '$.did'),
      json_extract(new.payload, '$.started'), ${hourOf('new.received')}, ${hourOf('new.received')} FROM ${levels('new')} l WHERE true
    ON CONFLICT DO UPDATE SET outcome = max(outcome, excluded.outcome), did = coalesce(max(did, excluded.did), did, excluded.did),
      started = coalesce(min(started, excluded.started), started, excluded.started),
      first_hour = min(first_hour, excluded.first_hour), last_hour = max(last_hour, excluded.last_hour)
    WHERE excluded.outcome > outcome OR excluded.last_hour > last_hour OR excluded.first_hour < first_hour
      OR (excluded.did IS NOT NULL AND (did IS NULL OR excluded.did > did))
      OR (excluded.started IS NOT NULL AND (started IS NULL OR excluded.started < started));
END;
CREATE TRIGGER session_state_added AFTER INSERT ON session_states BEGIN ${stateCounted('new', 1)}
  ${projectCorrected('new', 'NULL', 'new.last_hour')}
END;
CREATE TRIGGER session_state_changed AFTER UPDATE ON session_states BEGIN ${stateMoved()}
  ${projectCorrected('new', 'old.last_hour', 'new.last_hour', 'old.last_hour <> new.last_hour')}
END;
CREATE TRIGGER session_state_removed AFTER DELETE ON session_states WHEN EXISTS (SELECT 1 FROM release_health) BEGIN ${stateCounted('old', -1)}
  ${projectCorrected('old', 'old.last_hour', 'NULL')}
END;
CREATE TRIGGER session_bucket_added AFTER INSERT ON session_buckets BEGIN ${bucketCounted('new', 1)}
END;
CREATE TRIGGER session_bucket_removed AFTER DELETE ON session_buckets WHEN EXISTS (SELECT 1 FROM release_health) BEGIN ${bucketCounted('old', -1)}
END;
-- What project_end_hours held (each session at its project-wide last hour) turned into the correction.
INSERT INTO project_end_hours (environment, hour, project_id, sessions)
  SELECT environment, hour, project_id, -SUM(sessions) FROM session_end_hours GROUP BY environment, hour, project_id HAVING SUM(sessions) <> 0
  ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;
`;
