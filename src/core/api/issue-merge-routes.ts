import type { MergedIssues } from '../../shared/api-types';
import type { DB } from '../store/db';
import { MergeRefused, mergeIssues } from '../store/issue-merge';
import { HttpError, readJson } from './http-util';
import type { Router } from './router';

interface Deps {
  db: DB;
  submitWrite: <T>(run: () => T) => Promise<T>;
  onIssuesMerged: (merged: MergedIssues) => void;
  issueIds: (url: URL) => number[];
}

/**
 * Sentry's bulk merge: `PUT …/issues/?id=1&id=2` with `{"merge": 1}`. Answers Sentry's
 * `{"merge": {"parent", "children"}}` (ids as strings, as Sentry's API gives them) and Lookout's
 * numbers beside it.
 * @see https://docs.sentry.io/api/events/bulk-mutate-a-list-of-issues/
 */
export function mergeRoutes(r: Router, deps: Deps): void {
  r.on('PUT', /^\/issues$/, async (ctx) => {
    const body = await readJson(ctx.req) as { merge?: unknown } | null;
    if (body?.merge !== 1 && body?.merge !== true) throw new HttpError(400, 'a list of issues takes {"merge": 1} (to merge them)');
    const ids = deps.issueIds(ctx.url);
    let merged: MergedIssues;
    try {
      merged = await deps.submitWrite(() => mergeIssues(deps.db, ids));
    } catch (err) {
      if (err instanceof MergeRefused) throw new HttpError(400, err.message);
      throw err;
    }
    deps.onIssuesMerged(merged);
    return { merge: { parent: String(merged.parent), children: merged.children.map(String) }, ...merged };
  });
}
