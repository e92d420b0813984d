import type { BulkIssueChange, DeletedIssues, IssueGone, IssueQuery, IssueStatusBefore } from '../../../shared/api-types';
import { jsonBody, queryString, requestJson } from './http';
import { TelemetryClient } from './client-telemetry';
import type { StatusChange } from './client-types';

/** The list filters a bulk action by query acts on (those of `IssueQuery` that select issues). */
export type MatchingIssues = Pick<IssueQuery, 'project' | 'status' | 'level' | 'environment' | 'release' | 'query'>;

/** Bulk status changes (by ids or by search) with their Undo, and what became of an issue a link no longer finds. */
export class IssueBulkClient extends TelemetryClient {
  /** What Lookout knows of an issue it no longer has: deleted, merged into another, or never here. */
  issueGone(id: number): Promise<IssueGone> {
    return requestJson(this.url(`issues/${id}/gone`));
  }

  /** Sentry's bulk update by ids (`PUT /issues?id=…`): how many changed, and each changed issue's state before (for Undo). */
  updateIssues(ids: readonly number[], change: StatusChange): Promise<BulkIssueChange> {
    return requestJson(this.url(`issues?${ids.map((id) => `id=${id}`).join('&')}`), jsonBody('PUT', change));
  }

  /** Undo of a bulk status change: puts each issue back as the change's `previous` says. */
  restoreIssues(previous: readonly IssueStatusBefore[]): Promise<{ restored: number }> {
    return requestJson(this.url('issues'), jsonBody('PUT', { restore: previous }));
  }

  /** Sets the status of every issue the list query matches, beyond the loaded rows (Sentry's "select all that match"). */
  updateMatchingIssues(q: MatchingIssues, change: StatusChange): Promise<BulkIssueChange> {
    return requestJson(this.url(`issues${queryString({ matching: 1, ...q })}`), jsonBody('PUT', change));
  }

  /** Deletes every issue the list query matches; refused (409) when more than the `count` confirmed match now. */
  deleteMatchingIssues(q: MatchingIssues, count: number): Promise<DeletedIssues> {
    return requestJson(this.url(`issues${queryString({ matching: 1, ...q, count })}`), { method: 'DELETE' });
  }
}
