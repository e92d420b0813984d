/**
 * Web vitals kept as aggregates, as Sentry answers its Web Vitals page from metrics rather than
 * from each span: `web_vital_views` holds each page view (a trace) with its vitals merged so far,
 * and `web_vital_hours` / `web_vital_days` (UTC) per project and page the views, the sum of their
 * Performance Scores and a log-bucket histogram of each vital (performance/vital-histogram.ts), kept
 * at ingest for blocks with vitals only (store/web-vital-aggregates.ts). A report reads whole days
 * and the hours at its start: a few thousand rows for 30 days, whatever the traffic.
 * Filled by the migration's `after` step (store/web-vitals-backfill.ts): blocks stored before 038
 * get their page and vitals from their stored requests, then every block with vitals is folded in.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
export const sql = `
CREATE TABLE web_vital_views (
  trace_id TEXT PRIMARY KEY,
  project_id INTEGER NOT NULL,
  page TEXT,
  hour INTEGER NOT NULL,
  vitals TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE web_vital_hours (
  hour INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  page TEXT NOT NULL,
  views INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  scored INTEGER NOT NULL,
  histogram BLOB NOT NULL,
  PRIMARY KEY (hour, project_id, page)
) WITHOUT ROWID;
CREATE TABLE web_vital_days (
  day INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  page TEXT NOT NULL,
  views INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  scored INTEGER NOT NULL,
  histogram BLOB NOT NULL,
  PRIMARY KEY (day, project_id, page)
) WITHOUT ROWID;
`;
