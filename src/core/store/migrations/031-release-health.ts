/**
 * Releases and release health (`api/release-*.ts`, Sentry's Releases page).
 *
 * `release_environments`: each release a project's events or sessions named, per environment ('' for
 * none), with when it was first and last seen. Kept by triggers on the inserts, so the list reads a
 * few rows, never the events; filled here from what was stored before. As Sentry's releases, a row
 * outlives the events that named it (retention); "Delete all data" clears it.
 *
 * The session indexes answer release health without reading a payload: single updates of a release
 * in `sid` order (an update without `sid` is its own session, as relay gives it a new one) with the
 * columns the arithmetic needs (`kind` too, or SQLite would not see the index as covering), `did` (the user) read
 * from the payload once, at insert; aggregates
 * (`sessions` items) by release; and the last 24 hours by arrival for adoption. The issue indexes
 * find a release's new issues and regressions.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs
 */
export const sql = `
CREATE TABLE release_environments (
  project_id INTEGER NOT NULL,
  release TEXT NOT NULL,
  environment TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (project_id, release, environment)
) WITHOUT ROWID;
INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen)
  SELECT project_id, release, ifnull(environment, ''), MIN(timestamp), MAX(timestamp) FROM events
  WHERE release IS NOT NULL AND release <> '' GROUP BY project_id, release, ifnull(environment, '');
INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen)
  SELECT project_id, release, ifnull(environment, ''), MIN(received), MAX(received) FROM sessions
  WHERE release IS NOT NULL AND release <> '' GROUP BY project_id, release, ifnull(environment, '') HAVING true
  ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
CREATE TRIGGER release_seen_in_event AFTER INSERT ON events WHEN new.release IS NOT NULL AND new.release <> '' BEGIN
  INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen)
    VALUES (new.project_id, new.release, ifnull(new.environment, ''), new.timestamp, new.timestamp)
    ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
END;
CREATE TRIGGER release_seen_in_session AFTER INSERT ON sessions WHEN new.release IS NOT NULL AND new.release <> '' BEGIN
  INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen)
    VALUES (new.project_id, new.release, ifnull(new.environment, ''), new.received, new.received)
    ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
END;
CREATE INDEX sessions_release_sid ON sessions(project_id, release, ifnull(sid, id), environment, status, errors,
  json_extract(payload, '$.did'), received, kind) WHERE kind = 'session';
CREATE INDEX sessions_release_aggregates ON sessions(project_id, release, environment) WHERE kind = 'sessions';
CREATE INDEX sessions_received ON sessions(received, project_id, environment, ifnull(sid, id), release, kind) WHERE kind = 'session';
CREATE INDEX issues_first_release ON issues(first_release, project_id) WHERE first_release IS NOT NULL;
CREATE INDEX issues_regressed_release ON issues(regressed_release, project_id) WHERE regressed_release IS NOT NULL;
`;
