/**
 * Sentry's bulk actions on "all issues that match this search": `PUT /issues?matching=1&query=…` (with
 * the list's own filters: `project`, `status`, `level`, `environment`, `release`) changes the status of
 * every issue the list's search matches, not only the loaded page; `DELETE /issues?matching=1&…&count=N`
 * deletes them, refused when more than the N the user confirmed match now. `PUT /issues?id=1&id=2` is
 * Sentry's bulk update by ids. Both go in chunks: a status change 1000 issues a transaction, a deletion
 * 1000 issues a writer job, so ingestion goes on between them. A status change answers each changed
 * issue's state before; `PUT /issues` with `{"restore": …}` puts them back (the toast's Undo).
 * @see https://docs.sentry.io/api/events/bulk-mutate-a-list-of-issues/
 * @see https://docs.sentry.io/api/events/bulk-remove-a-list-of-issues/
 */
import type { BulkIssueChange, DeletedIssues } from '../../shared/api-types';
import { HttpError } from './http-util';
import { BULK_CHUNK, type issueActions } from './issue-actions';
import { readStates } from './issue-undo';

export interface BulkByQueryDeps {
  /** Every issue the list query of the URL matches. */
  matchingIds: (url: URL) => number[];
  /** The `id` parameters of a bulk request by ids. */
  issueIds: (url: URL) => number[];
  actions: ReturnType<typeof issueActions>;
  /** Deletes issues in one writer job (and tells open windows). */
  remove: (ids: number[]) => Promise<DeletedIssues>;
  onIssueChanged: (issueId: number, change: 'updated') => void;
}

/** A `matching=1` request acts on the search; any other names its issues by id. */
const byQuery = (url: URL) => url.searchParams.get('matching') === '1';

export function bulkIssueActions(deps: BulkByQueryDeps) {
  /** Every open window is told of each issue, a chunk at a time, so ingestion goes on between them. */
  const tell = async (ids: readonly number[]) => {
    for (let at = 0; at < ids.length; at += BULK_CHUNK) {
      for (const id of ids.slice(at, at + BULK_CHUNK)) deps.onIssueChanged(id, 'updated');
      if (at + BULK_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return {
    /**
     * A status change, answering the state before of each issue it changed (`previous`); `{"restore": previous}`
     * is its Undo, putting each back (issue-undo.ts).
     */
    async update(url: URL, body: unknown): Promise<BulkIssueChange | { restored: number }> {
      const restore = typeof body === 'object' && body !== null ? (body as { restore?: unknown }).restore : undefined;
      if (restore !== undefined) {
        const states = readStates(restore);
        const done = await deps.actions.restore(states);
        await tell(states.map((s) => s.id));
        return done;
      }
      const ids = byQuery(url) ? deps.matchingIds(url) : deps.issueIds(url);
      const change = await deps.actions.setStatusOfAll(ids, body);
      await tell(ids);
      return change;
    },

    async remove(url: URL): Promise<DeletedIssues> {
      if (!byQuery(url)) return deps.remove(deps.issueIds(url));
      const confirmed = Number(url.searchParams.get('count'));
      if (!Number.isInteger(confirmed) || confirmed < 0) throw new HttpError(400, 'say how many issues were confirmed: &count=N');
      const ids = deps.matchingIds(url);
      if (ids.length > confirmed) {
        throw new HttpError(409, `${ids.length.toLocaleString('en')} issues match this search now, more than the ${confirmed.toLocaleString('en')} confirmed: nothing was deleted.`);
      }
      const total: DeletedIssues = { issues: 0, events: 0 };
      for (let at = 0; at < ids.length; at += BULK_CHUNK) {
        const deleted = await deps.remove(ids.slice(at, at + BULK_CHUNK));
        total.issues += deleted.issues;
        total.events += deleted.events;
      }
      return total;
    },
  };
}
