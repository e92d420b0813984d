/**
 * Sentry's Stats as an hourly aggregate (`store/outcome-counts.ts`): per project, hour, outcome,
 * data category and reason, how many items were accepted or lost. Written at ingest in the
 * envelope's transaction, so the Stats view and the Issues notice read a few hundred rows, never
 * the items. `first_ms` / `last_ms` bound the times counted in the row (a client report's own time).
 * Rows of what was stored before are counted from the item log and the stored client reports (at
 * their arrival: their own `timestamp` stayed in the raw envelope).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs
 */
export const sql = `
CREATE TABLE outcome_counts (
  project_id INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  category TEXT NOT NULL,
  reason TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  first_ms INTEGER NOT NULL,
  last_ms INTEGER NOT NULL,
  PRIMARY KEY (hour, project_id, outcome, category, reason)
) WITHOUT ROWID;
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT project_id, hour, 'accepted', category, '', COUNT(*), MIN(received), MAX(received) FROM (
    SELECT project_id, received - received % 3600000 AS hour, received, CASE kind
      WHEN 'event' THEN 'error' WHEN 'transaction' THEN 'transaction' WHEN 'span' THEN 'span'
      WHEN 'attachment' THEN 'attachment' WHEN 'log' THEN 'log_item' WHEN 'session' THEN 'session'
      WHEN 'sessions' THEN 'session' WHEN 'check_in' THEN 'monitor' WHEN 'feedback' THEN 'feedback'
      WHEN 'user_report' THEN 'feedback' WHEN 'replay_recording' THEN 'replay' WHEN 'replay_video' THEN 'replay'
      WHEN 'profile' THEN 'profile' WHEN 'profile_chunk' THEN 'profile_chunk' WHEN 'trace_metric' THEN 'trace_metric'
    END AS category FROM items)
  WHERE category IS NOT NULL GROUP BY project_id, hour, category;
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT project_id, hour, 'client_discard', category, reason, SUM(quantity), MIN(received), MAX(received) FROM (
    SELECT r.project_id, r.received - r.received % 3600000 AS hour, r.received,
      json_extract(d.value, '$.category') AS category, json_extract(d.value, '$.reason') AS reason,
      json_extract(d.value, '$.quantity') AS quantity
    FROM client_reports r, json_each(CASE WHEN json_valid(r.discarded) THEN r.discarded ELSE '[]' END) d)
  WHERE typeof(category) = 'text' AND category <> '' AND length(category) <= 64 AND typeof(reason) = 'text'
    AND length(reason) <= 200 AND typeof(quantity) = 'integer' AND quantity > 0
  GROUP BY project_id, hour, category, reason;
`;
