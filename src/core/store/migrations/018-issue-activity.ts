/**
 * An issue's history (Sentry's "Activity"): who resolved, ignored or reopened it, when it
 * regressed and in which release, what was merged into it or unmerged from it. `data` is JSON
 * (the release, the issues merged, …). Issues from before have no history but their first-seen.
 * @see https://docs.sentry.io/product/issues/issue-details/#activity
 */
export const sql = `
CREATE TABLE issue_activity (
  id INTEGER PRIMARY KEY,
  issue_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  data TEXT
);
CREATE INDEX issue_activity_issue ON issue_activity(issue_id, id);
`;
