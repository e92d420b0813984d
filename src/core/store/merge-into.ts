import type { MergedIssues } from '../../shared/api-types';
import type { DB } from './db';
import { pendingMerge, planMerge } from './issue-merge';
import { oneIssueOpAtATime } from './issue-ops-lock';
import { moveThenMerge, type SubmitWrite } from './merge-jobs';
import { rememberIssueOp } from './pending-issue-ops';

/**
 * Merges `childId` into `parentId` (named, whatever their counts) as writer jobs, as the list's
 * merge does ({@link moveThenMerge}): its events, counts and hashes move, its links open the
 * parent, and a crash midway is finished at the next start. Used when a source folder makes an
 * old issue's events group as a newer one: the newer, mapped issue takes the old one in.
 * Throws `MergeRefused` (an issue gone, a performance issue).
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function mergeInto(db: DB, submitWrite: SubmitWrite, childId: number, parentId: number): Promise<MergedIssues> {
  return oneIssueOpAtATime(db, async () => {
    const plan = await submitWrite(() => {
      const planned = planMerge(db, [parentId, childId], parentId);
      planned.pendingId = rememberIssueOp(db, 'merge', pendingMerge(planned));
      return planned;
    });
    return moveThenMerge(db, submitWrite, plan);
  });
}
