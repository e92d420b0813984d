import type { IssueGone } from '../../shared/api-types';
import type { DB } from '../store/db';
import { DELETED_ISSUE_MAX } from '../store/issue-delete';
import { HttpError } from './http-util';

/**
 * What Lookout knows of an issue id it no longer has, for a link that finds nothing: merged into
 * another (a merge leaves a redirect, `issue_redirects`; its target may since have gone too), else
 * deleted when the id is one this store gave out (ids are never given out again: `deleted_issue_max`
 * keeps the highest deleted one), else unknown here: a link from another Lookout, or a store emptied
 * since. No record is kept per deletion, so no time is told.
 */
export function issueGone(db: DB, id: number): IssueGone {
  const to = db.prepare('SELECT to_id FROM issue_redirects WHERE from_id = ?').pluck().get(id) as number | undefined;
  if (to !== undefined && to !== id) {
    const there = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck().get(to) !== undefined;
    return { id, state: there ? 'merged' : 'deleted', mergedInto: to };
  }
  const highest = db.prepare(`SELECT max(ifnull((SELECT MAX(id) FROM issues), 0),
    ifnull((SELECT n FROM store_counts WHERE name = '${DELETED_ISSUE_MAX}'), 0))`).pluck().get() as number;
  return { id, state: id <= highest ? 'deleted' : 'unknown', mergedInto: null };
}

/** The 404 sentence for an issue that is not there, from `issueGone`. */
export function goneMessage(gone: IssueGone): string {
  if (gone.state === 'merged') return `issue ${gone.id} was merged into issue ${gone.mergedInto}`;
  if (gone.state === 'deleted') {
    return gone.mergedInto !== null ? `issue ${gone.id} was merged into issue ${gone.mergedInto}, which was deleted since` : `issue ${gone.id} was deleted`;
  }
  return `issue ${gone.id} is not in this store (it may have been deleted, or the link comes from another Lookout)`;
}

/** `GET /issues/:id`'s 404, saying what became of the issue (deleted, merged, or never here). */
export function goneIssue(db: DB, id: number): never {
  throw new HttpError(404, goneMessage(issueGone(db, id)));
}
