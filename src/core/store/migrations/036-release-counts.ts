/**
 * Release figures that were approximations (`api/release-counts.ts`, `api/release-health.ts`):
 * - `events_release_environment`: a release's events in issues per environment, for the list's
 *   environment filter (the issues' `release` tags have no environment).
 * - `issue_activity_regressed`: every `regressed` entry by the release it names, so an issue that
 *   regressed in two releases counts in both (`issues.regressed_release` keeps only the latest);
 *   `kind` in it too (and `issue_id` in the events one), or SQLite would not see them as covering.
 * - `sessions_release_sid` rebuilt with the session's `started` last: the chart puts a session in the
 *   hour it started, read from the same covering index (no payload read), not the hour it arrived.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (SessionUpdate.started)
 */
export const sql = `
CREATE INDEX events_release_environment ON events(project_id, release, environment, issue_id) WHERE issue_id IS NOT NULL;
CREATE INDEX issue_activity_regressed ON issue_activity(json_extract(data, '$.release'), issue_id, kind) WHERE kind = 'regressed';
DROP INDEX sessions_release_sid;
CREATE INDEX sessions_release_sid ON sessions(project_id, release, ifnull(sid, id), environment, status, errors,
  json_extract(payload, '$.did'), received, kind, json_extract(payload, '$.started')) WHERE kind = 'session';
`;
