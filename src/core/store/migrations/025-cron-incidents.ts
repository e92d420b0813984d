/**
 * Cron monitors open issues as Sentry's do (`src/core/crons/`). `sent_ms` keeps a check-in's
 * envelope `sent_at` (the SDK's clock, the one its error events are stamped with), so a run's
 * errors are those captured between its own check-ins, not a few ms around their arrival.
 * `cron_monitor_states` holds, per monitor environment, what the incident judge has read (the
 * highest check-in row judged, the missed ticks and timed-out runs already counted, its recent
 * outcomes and whether an incident is open), so a restart neither forgets nor repeats a failure;
 * monitors already stored start judged up to their newest check-in.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incidents.py
 */
export const sql = `
ALTER TABLE check_ins ADD COLUMN sent_ms INTEGER;
CREATE TABLE cron_monitor_states (
  project_id INTEGER NOT NULL,
  slug TEXT NOT NULL,
  environment TEXT NOT NULL,
  judged_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (project_id, slug, environment)
) WITHOUT ROWID;
-- Check-ins stored before: judged already (no issue for old failures), the next tick expected after the newest.
INSERT INTO cron_monitor_states (project_id, slug, environment, judged_id, state)
  SELECT project_id, ifnull(monitor_slug, ''), ifnull(environment, ''), id, json_object('lastCheckInMs', received, 'lastEnvelopeId', envelope_id)
  FROM check_ins WHERE id IN (SELECT MAX(id) FROM check_ins GROUP BY project_id, ifnull(monitor_slug, ''), ifnull(environment, ''));
`;
