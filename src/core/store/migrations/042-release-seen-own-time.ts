/**
 * A release is seen when its sessions say they happened, not when they arrived (migration 031 wrote
 * `received`): an app that sends a backlog of last week's sessions today no longer makes its old
 * release "last seen 2m ago" and first in the list. As relay reads a session update, it was last
 * seen at the update's `timestamp` (else its `started`) and first at its `started`; an aggregates
 * item at its buckets' `started` (earliest and latest; what is not a bucket object is skipped). A time sent as a number is in seconds, as an RFC 3339 string otherwise. A
 * time after the arrival (a fast clock) is the arrival, and one that cannot be read is the arrival.
 *
 * The stored rows are recomputed from what is kept: last seen is the latest event or session time;
 * first seen only ever moves earlier (a row whose events were pruned keeps its older first sight);
 * a row with nothing left keeps its times.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionUpdate.timestamp, started; SessionAggregateItem.started)
 */

/** Epoch ms of a session time `x` (seconds or RFC 3339), NULL when it is neither. */
const timeMs = (x: string) => `CAST(round(CASE WHEN typeof(${x}) IN ('integer', 'real') THEN ${x} * 1000
  ELSE (julianday(${x}) - 2440587.5) * 86400000 END) AS INTEGER)`;

/**
 * The earliest (`min`: an update's `started`, else `timestamp`) or latest (`max`: its `timestamp`,
 * else `started`) own time of sessions row `r`, never after its arrival.
 */
const ownTime = (r: string, pick: 'min' | 'max') => {
  const [first, second] = pick === 'min' ? ['started', 'timestamp'] : ['timestamp', 'started'];
  return `min(ifnull(CASE WHEN ${r}.kind = 'sessions'
    THEN (SELECT ${pick}(${timeMs("json_extract(a.value, '$.started')")}) FROM json_each(${r}.payload, '$.aggregates') a
      WHERE a.type = 'object')
    ELSE coalesce(${timeMs(`json_extract(${r}.payload, '$.${first}')`)}, ${timeMs(`json_extract(${r}.payload, '$.${second}')`)}) END,
  ${r}.received), ${r}.received)`;
};

export const sql = `
DROP TRIGGER release_seen_in_session;
CREATE TRIGGER release_seen_in_session AFTER INSERT ON sessions WHEN new.release IS NOT NULL AND new.release <> '' BEGIN
  INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen)
    SELECT new.project_id, new.release, ifnull(new.environment, ''), ${ownTime('new', 'min')}, ${ownTime('new', 'max')} WHERE true
    ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
END;
WITH seen (project_id, release, environment, first_seen, last_seen) AS (
  SELECT project_id, release, ifnull(environment, ''), MIN(timestamp), MAX(timestamp) FROM events
    WHERE release IS NOT NULL AND release <> '' GROUP BY 1, 2, 3
  UNION ALL
  SELECT project_id, release, ifnull(environment, ''), MIN(${ownTime('s', 'min')}), MAX(${ownTime('s', 'max')}) FROM sessions s
    WHERE release IS NOT NULL AND release <> '' GROUP BY 1, 2, 3
), kept AS (
  SELECT project_id, release, environment, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen FROM seen GROUP BY 1, 2, 3
)
UPDATE release_environments AS r SET first_seen = min(r.first_seen, k.first_seen), last_seen = k.last_seen FROM kept k
  WHERE r.project_id = k.project_id AND r.release = k.release AND r.environment = k.environment;
`;
