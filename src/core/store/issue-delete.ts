import type { DeletedIssues } from '../../shared/api-types';
import type { DB } from './db';
import { bumpCacheVersion } from './cache-versions';
import { deleteEnvelopes } from './envelope-delete';
import { markDeletion } from './deletion-mark';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';

/** `store_counts` row: the highest id a deleted issue had, so no new issue takes it. */
export const DELETED_ISSUE_MAX = 'deleted_issue_max';

export const AGGREGATE_TABLES = ['issue_hashes', 'issue_tags', 'issue_hourly', 'issue_users', 'issue_activity'];

/**
 * Raises `deleted_issue_max` to the highest of these issue ids (a JSON array) that still exists:
 * call it before deleting issue rows, so no new issue takes a deleted one's id.
 */
export function rememberDeletedIssues(db: DB, idsJson: string): void {
  db.prepare(`INSERT INTO store_counts (name, n) SELECT '${DELETED_ISSUE_MAX}', MAX(id) FROM issues
      WHERE id IN (SELECT value FROM json_each(?)) HAVING MAX(id) IS NOT NULL
    ON CONFLICT(name) DO UPDATE SET n = MAX(n, excluded.n)`).run(idsJson);
}

/**
 * Sentry's "Delete" of an issue: the issue, its aggregates and its events go, with the envelopes
 * that carried those events and any attachments sent for them later. Its hashes are forgotten, so
 * the next event like them opens a new issue. Must run in the writer (it changes what the ingest
 * path remembers about issues).
 * @see https://docs.sentry.io/product/issues/states-triage/#delete
 */
export function deleteIssues(db: DB, issueIds: readonly number[]): DeletedIssues {
  const list = JSON.stringify([...new Set(issueIds)]);
  const inList = '(SELECT value FROM json_each(@list))';
  const events = db.prepare(`SELECT COUNT(*) FROM events WHERE issue_id IN ${inList}`).pluck().get({ list }) as number;
  // A performance issue's rows are its transactions' problems: the transactions stay (in their
  // traces, and in their other problems' issues), as Sentry keeps a transaction when it deletes its issue.
  // A monitor failure's row hangs on its check-in's request, which the monitor's runs still show.
  const envelopeIds = db.prepare(`SELECT envelope_id FROM events WHERE issue_id IN ${inList} AND kind NOT IN ('${OCCURRENCE_KIND}', 'cron')
    UNION SELECT a.envelope_id FROM attachments a JOIN events e ON e.event_id = a.event_id WHERE e.issue_id IN ${inList}`)
    .pluck().all({ list }) as number[];
  // An event the SDK sent again was stored once, but each request kept its item: those requests
  // go too. Only then is `items` read by issue (it has no index on it; no per-event cost at ingest).
  const resent = db.prepare(`SELECT COALESCE(SUM(duplicates), 0) FROM events WHERE issue_id IN ${inList}`).pluck().get({ list }) as number;
  if (resent > 0) envelopeIds.push(...db.prepare(`SELECT envelope_id FROM items WHERE issue_id IN ${inList}`).pluck().all({ list }) as number[]);
  deleteEnvelopes(db, [...new Set(envelopeIds)]);
  // Events whose envelope was pruned or kept elsewhere (an import) go by their issue.
  db.prepare(`DELETE FROM events WHERE issue_id IN ${inList}`).run({ list });
  for (const table of AGGREGATE_TABLES) db.prepare(`DELETE FROM ${table} WHERE issue_id IN ${inList}`).run({ list });
  db.prepare(`DELETE FROM issues_fts WHERE rowid IN ${inList}`).run({ list });
  rememberDeletedIssues(db, list);
  const issues = db.prepare(`DELETE FROM issues WHERE id IN ${inList}`).run({ list }).changes;
  bumpCacheVersion(db, 'issues');
  if (issues > 0 || events > 0) markDeletion(db);
  return { issues, events };
}
