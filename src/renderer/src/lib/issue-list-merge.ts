/**
 * How a live `issue` message changes the loaded issue list: replace a row in place, add a new
 * row at the top, or only count it as "new" (when the sort order cannot place it).
 * Pure so it can be tested without a DOM.
 */
import type { IssueSummary, StreamMessage } from '../../../shared/api-types';
import type { IssueFilters } from '../routing/route';
import { withLoadedTrend } from './issue-trend';

type IssueMessage = Extract<StreamMessage, { type: 'issue' }>;

/** A `key:value` token in the search (a tag, `is:`, `user.email:`): only the server can judge it (core/api/issue-search.ts). */
const SERVER_FILTER = /(?:^|\s)!?[\w.-]+:\S/;

/** True when the search holds filters the client cannot check on a live row. */
export function hasServerFilter(f: IssueFilters): boolean {
  return !!f.query && SERVER_FILTER.test(f.query);
}

/** Whether an issue of `status` belongs under the status tab `tab` (Resolved holds "resolved in next release" too, as the server lists it). */
export function inStatusTab(status: string, tab: IssueFilters['status']): boolean {
  if (tab === 'all') return true;
  return tab === 'resolved' ? status === 'resolved' || status === 'resolved_next_release' : status === tab;
}

/** Client-side approximation of the server's filters, for rows that arrive over SSE. */
export function matchesFilters(issue: IssueSummary, f: IssueFilters): boolean {
  if (f.project !== undefined && issue.projectId !== f.project) return false;
  if (!inStatusTab(issue.status, f.status)) return false;
  if (f.level && issue.level !== f.level) return false;
  const envs = Array.isArray(issue.environments) ? issue.environments : [];
  if (f.environment && !envs.includes(f.environment)) return false;
  if (f.release && issue.firstRelease !== f.release && issue.lastRelease !== f.release) return false;
  if (f.query) {
    const haystack = `${issue.title ?? ''} ${issue.culprit ?? ''}`.toLowerCase();
    const terms = f.query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
    if (!terms.every((t) => haystack.includes(t))) return false;
  }
  return true;
}

export interface MergeResult {
  rows: IssueSummary[];
  /** Rows added above the current first row (the view keeps its scroll position with it). */
  addedOnTop: number;
  /** Issues new to the filtered list (created, or back from resolved): the total grows by these; -1 when one left it. */
  newToList?: number;
  /** Matching issues that could not be placed (sorted by count/users): offer a refresh. */
  pendingNew: number;
}

/** Applies one SSE `issue` message to the loaded rows. Returns the same array when nothing changed. */
export function mergeIssueMessage(rows: IssueSummary[], message: IssueMessage, filters: IssueFilters): MergeResult {
  const issue = message.issue;
  const index = rows.findIndex((r) => r.id === issue.id);
  if (index >= 0) {
    // Resolved or ignored (here or in another window): it leaves a list of another status, as in Sentry.
    if (!inStatusTab(issue.status, filters.status)) {
      return { rows: rows.filter((r) => r.id !== issue.id), addedOnTop: 0, pendingNew: 0, newToList: -1 };
    }
    const next = rows.slice();
    // Sorted by last seen, an issue seen again goes to the top, as the server would order it.
    if (filters.sort === 'last_seen' && index > 0 && issue.lastSeen > (rows[0]?.lastSeen ?? Infinity)) {
      next.splice(index, 1);
      next.unshift(withLoadedTrend(rows[index], issue));
    } else {
      next[index] = withLoadedTrend(rows[index], issue);
    }
    return { rows: next, addedOnTop: 0, pendingNew: 0 };
  }
  // A new issue under a tag filter may or may not match: offered as a refresh, not guessed.
  if (hasServerFilter(filters)) return { rows, addedOnTop: 0, pendingNew: message.change === 'created' ? 1 : 0 };
  if (!matchesFilters(issue, filters)) return { rows, addedOnTop: 0, pendingNew: 0 };
  // Newest-first sorts: a new issue, or an old one that just became active, belongs on top.
  const onTop = filters.sort === 'last_seen' || (filters.sort === 'first_seen' && message.change === 'created');
  // Under a status filter a regression enters the list; otherwise an issue not loaded yet was
  // already counted in the total.
  const newToList = message.change === 'created' || (message.change === 'regressed' && filters.status !== 'all') ? 1 : 0;
  if (onTop) return { rows: [issue, ...rows], addedOnTop: 1, pendingNew: 0, newToList };
  return { rows, addedOnTop: 0, pendingNew: message.change === 'created' ? 1 : 0 };
}
