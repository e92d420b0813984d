/** Issues: events grouped by their grouping hashes, with per-issue aggregates and FTS. */
export const sql = `
CREATE TABLE issues (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  culprit TEXT,
  level TEXT NOT NULL,
  type TEXT NOT NULL,
  metadata TEXT,
  status TEXT NOT NULL DEFAULT 'unresolved',
  regressed INTEGER NOT NULL DEFAULT 0,
  regressed_release TEXT,
  resolved_release TEXT,
  ignore_until_count INTEGER,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  users INTEGER NOT NULL DEFAULT 0,
  first_release TEXT,
  last_release TEXT,
  latest_event_id TEXT
);
CREATE INDEX issues_last_seen ON issues(last_seen DESC, id DESC);
CREATE INDEX issues_first_seen ON issues(first_seen DESC, id DESC);
CREATE INDEX issues_count ON issues(count DESC, id DESC);
CREATE INDEX issues_users ON issues(users DESC, id DESC);
CREATE INDEX issues_project_last ON issues(project_id, last_seen DESC, id DESC);
CREATE INDEX issues_status_last ON issues(status, last_seen DESC, id DESC);

CREATE TABLE issue_hashes (
  project_id INTEGER NOT NULL,
  hash TEXT NOT NULL,
  issue_id INTEGER NOT NULL,
  PRIMARY KEY (project_id, hash)
) WITHOUT ROWID;
CREATE INDEX issue_hashes_issue ON issue_hashes(issue_id);

CREATE TABLE issue_users (
  issue_id INTEGER NOT NULL,
  user_key TEXT NOT NULL,
  PRIMARY KEY (issue_id, user_key)
) WITHOUT ROWID;

CREATE TABLE issue_tags (
  issue_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (issue_id, key, value)
) WITHOUT ROWID;
CREATE INDEX issue_tags_filter ON issue_tags(key, value);

CREATE TABLE issue_hourly (
  issue_id INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (issue_id, hour)
) WITHOUT ROWID;

-- Full-text search over titles, culprits, messages and tag values.
CREATE VIRTUAL TABLE issues_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
`;
