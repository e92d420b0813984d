/**
 * The release page's "Resolved" and "Unhandled" issue lists, as the tabs of Sentry's release details:
 * - Resolved in this release: issues "resolved in the next release" whose next release is this one
 *   (`issue-resolution.ts` decides which, as the issue page says it). Lookout has no "resolve in
 *   this release" action, so that resolution is the only one that names a release.
 * - Unhandled: issues with events in this release whose events include an unhandled one (the
 *   `handled:no` tag derived from the main exception's mechanism), Sentry's
 *   `release:X error.unhandled:true`.
 * Both read indexes only: `issues_status_last` for the pending resolutions, and `issue_tags`'
 * `(key, value)` and primary key for the release's issues and their `handled` values.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/releases/detail/overview/releaseIssues.tsx
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/api/endpoints/organization_issues_resolved_in_release.py
 */
import type { ReleaseIssue, ReleaseIssueLists } from '../../shared/api-releases';
import type { DB } from '../store/db';
import { isLaterRelease } from '../store/release-order';
import { issueResolutionReader } from './issue-resolution';

const LIST_MAX = 100;

const COLUMNS = `i.id, i.title, i.culprit, i.level, i.status, i.first_release AS firstRelease,
  i.regressed_release AS regressedInRelease, i.last_seen AS lastSeen`;

/** Issues waiting for (or resolved into) the next release after `resolved_release`. */
export const PENDING_RESOLUTIONS_SQL = `SELECT i.id, i.project_id, i.status, i.resolved_release FROM issues i
  WHERE i.status = 'resolved_next_release' AND i.project_id = @project`;

/**
 * Issues with events in the release that had an unhandled event, most recently seen first. CROSS
 * JOIN keeps the release's tag rows outermost: else SQLite may walk every issue of the project.
 */
export const UNHANDLED_SQL = `SELECT ${COLUMNS}, t.count AS events FROM issue_tags t CROSS JOIN issues i ON i.id = t.issue_id
  WHERE t.key = 'release' AND t.value = @version AND i.project_id = @project
    AND EXISTS (SELECT 1 FROM issue_tags h WHERE h.issue_id = t.issue_id AND h.key = 'handled' AND h.value = 'no')
  ORDER BY i.last_seen DESC, i.id DESC LIMIT ${LIST_MAX}`;

interface PendingRow { id: number; project_id: number; status: string; resolved_release: string | null }

/** Reads a release's Resolved and Unhandled lists (`project`, `version` as sent). */
export function releaseIssueLists(db: DB, project: number, version: string): ReleaseIssueLists {
  const resolution = issueResolutionReader(db);
  const issue = db.prepare(`SELECT ${COLUMNS} FROM issues i WHERE i.id = ?`);
  const eventsIn = db.prepare("SELECT count FROM issue_tags WHERE issue_id = ? AND key = 'release' AND value = ?").pluck();
  const resolved: ReleaseIssue[] = [];
  for (const row of db.prepare(PENDING_RESOLUTIONS_SQL).all({ project }) as PendingRow[]) {
    // Cheap test first: only a release later than the one it was resolved after can be its next one.
    if (row.resolved_release === null || row.resolved_release === version) continue;
    if (!isLaterRelease(version, row.resolved_release, () => false)) continue;
    if (resolution(row).resolvedInRelease !== version) continue;
    const found = issue.get(row.id) as Omit<ReleaseIssue, 'events'> | undefined;
    if (found) resolved.push({ ...found, events: (eventsIn.get(row.id, version) as number | undefined) ?? 0 });
  }
  resolved.sort((a, b) => b.lastSeen - a.lastSeen || b.id - a.id);
  const unhandled = db.prepare(UNHANDLED_SQL).all({ project, version }) as ReleaseIssue[];
  return { resolvedIssues: resolved.slice(0, LIST_MAX), unhandledIssues: unhandled };
}
