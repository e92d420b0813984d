/**
 * A merge or unmerge under way. Both move events in writer jobs of their own so ingest goes on
 * between them; a crash between two jobs must not leave the issues half moved until someone
 * merges them again. The row is written with the operation's first job and deleted with its
 * last, so at start-up it names exactly the operations to finish. `plan` is JSON: for a merge
 * the parent and children, for an unmerge the issue, the hashes leaving it and the users
 * leaving with them. Nothing else in the store says a merge has begun: counts and hashes move
 * only in its last job.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export const sql = `
CREATE TABLE pending_issue_ops (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  plan TEXT NOT NULL,
  started_at INTEGER NOT NULL
);
`;
