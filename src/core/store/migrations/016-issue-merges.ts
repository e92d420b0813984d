/**
 * Merged issues (Sentry's "Merge"): `issue_redirects` sends a merged issue's id to the issue it
 * joined (links, bookmarks and stream rows keep working), and `issue_merges` remembers which
 * hashes a user put together, so a regroup keeps them together instead of splitting them again.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export const sql = `
CREATE TABLE issue_redirects (
  from_id INTEGER PRIMARY KEY,
  to_id INTEGER NOT NULL
);
CREATE TABLE issue_merges (
  project_id INTEGER NOT NULL,
  hash TEXT NOT NULL,
  issue_id INTEGER NOT NULL,
  PRIMARY KEY (project_id, hash)
) WITHOUT ROWID;
`;
