import type { MergedIssues, UnmergedIssue } from '../../shared/api-types';
import type { DB } from '../store/db';
import { MergeRefused, currentIssueId } from '../store/issue-merge';
import { mergeInJobs, unmergeInJobs } from '../store/merge-jobs';
import { mergedGroups } from '../store/issue-unmerge';
import { HttpError, readJson } from './http-util';
import type { Router } from './router';

interface Deps {
  db: DB;
  submitWrite: <T>(run: () => T) => Promise<T>;
  onIssuesMerged: (merged: MergedIssues) => void;
  onIssueUnmerged: (issueId: number, unmerged: UnmergedIssue) => void;
  issueIds: (url: URL) => number[];
  /** The same request without `merge`: Sentry's bulk status change (`issue-bulk-routes.ts`). */
  update: (url: URL, body: unknown) => Promise<unknown>;
}

const refusedAs400 = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    if (err instanceof MergeRefused) throw new HttpError(400, err.message);
    throw err;
  }
};

/**
 * Sentry's bulk merge (`PUT …/issues/?id=1&id=2` with `{"merge": 1}`) and unmerge. The merge answers Sentry's
 * `{"merge": {"parent", "children"}}` (ids as strings, as Sentry's API gives them) and Lookout's
 * numbers beside it.
 * @see https://docs.sentry.io/api/events/bulk-mutate-a-list-of-issues/
 */
export function mergeRoutes(r: Router, deps: Deps): void {
  r.on('PUT', /^\/issues$/, async (ctx) => {
    const body = await readJson(ctx.req) as { merge?: unknown } | null;
    if (body?.merge === undefined) return deps.update(ctx.url, body);
    if (body.merge !== 1 && body.merge !== true) throw new HttpError(400, 'a list of issues takes {"merge": 1} (to merge them)');
    const ids = deps.issueIds(ctx.url);
    const merged = await refusedAs400(() => mergeInJobs(deps.db, deps.submitWrite, ids));
    deps.onIssuesMerged(merged);
    return { merge: { parent: String(merged.parent), children: merged.children.map(String) }, ...merged };
  });
  // What was merged into an issue, by the issue each part came from.
  r.on('GET', /^\/issues\/(\d+)\/merged$/, (ctx) => mergedGroups(deps.db, currentIssueId(deps.db, Number(ctx.params[0]))));
  // Sentry's unmerge: `DELETE …/issues/{id}/hashes/?id=…` with hashes merged into it.
  r.on('DELETE', /^\/issues\/(\d+)\/hashes$/, async (ctx) => {
    const issueId = currentIssueId(deps.db, Number(ctx.params[0]));
    const hashes = ctx.url.searchParams.getAll('id');
    if (hashes.length === 0 || hashes.some((h) => !/^[\w-]{1,128}$/.test(h))) throw new HttpError(400, 'name the merged hashes: ?id=<hash>&id=…');
    const unmerged = await refusedAs400(() => unmergeInJobs(deps.db, deps.submitWrite, issueId, hashes));
    deps.onIssueUnmerged(issueId, unmerged);
    return unmerged;
  });
}
