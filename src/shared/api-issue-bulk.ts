/** Bulk status changes and their Undo, and what became of an issue a link no longer finds (re-exported by api-types). */

/** What a bulk status change (`PUT /issues?matching=1&query=…` or `?id=…`) changed. */
export interface BulkIssueChange {
  /** Issues that existed and were set to the status. */
  updated: number;
  /** The state before of each issue the change changed: what Undo sends back (`PUT /issues` with `{"restore": previous}`). */
  previous: IssueStatusBefore[];
}

/**
 * `GET /issues/:id/gone`: what Lookout knows of an issue it no longer has. `merged`: into
 * `mergedInto`; `deleted`: this store had it (`mergedInto` set when it was merged into one deleted
 * since); `unknown`: never here (another Lookout's link, or a store emptied since).
 */
export interface IssueGone { id: number; state: 'merged' | 'deleted' | 'unknown'; mergedInto: number | null }

/** An issue's status as it was before a bulk change, "resolved in release" and "ignored until" included. */
export interface IssueStatusBefore {
  id: number;
  status: string;
  /** The event count an ignored issue waits for (absolute, as stored), or null. */
  ignoreUntilCount: number | null;
  /** The release a `resolved_next_release` issue was resolved after, or null. */
  resolvedRelease: string | null;
  regressed: boolean;
}
