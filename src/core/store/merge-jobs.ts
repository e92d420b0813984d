import type { MergedIssues, UnmergedIssue } from '../../shared/api-types';
import type { DB } from './db';
import { MERGE_CHUNK, MergeRefused, mergeIssues, moveMergedEvents, pendingMerge, planMerge, type MergePlan } from './issue-merge';
import { oneIssueOpAtATime } from './issue-ops-lock';
import { UNMERGE_CHUNK, finishUnmerge, pendingUnmerge, startUnmerge, unmergeChunk, type UnmergePlan } from './issue-unmerge';
import { forgetIssueOp, rememberIssueOp } from './pending-issue-ops';

/** Runs a function as one writer job (group-committed with ingest) and answers its result. */
export type SubmitWrite = <T>(run: () => T) => Promise<T>;

/** Told the number of events moved so far, after each job. */
export type OnMoved = (moved: number) => void;

/**
 * A merge ({@link mergeIssues}) as writer jobs: the events move a chunk per job, so ingest goes
 * on between them; the counts, hashes and redirects move in the last. The first job remembers
 * the merge and the last forgets it, so a crash in between leaves it to finish at the next
 * start (issue-ops-resume.ts). Throws `MergeRefused`.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function mergeInJobs(db: DB, submitWrite: SubmitWrite, ids: readonly number[]): Promise<MergedIssues> {
  return oneIssueOpAtATime(db, async () => {
    const plan = await submitWrite(() => {
      const planned = planMerge(db, ids);
      planned.pendingId = rememberIssueOp(db, 'merge', pendingMerge(planned));
      return planned;
    });
    return moveThenMerge(db, submitWrite, plan);
  });
}

/** The jobs after the first: also how a remembered merge is finished. Call it holding the issue-ops lock. */
export async function moveThenMerge(db: DB, submitWrite: SubmitWrite, plan: MergePlan, onMoved?: OnMoved): Promise<MergedIssues> {
  // A short chunk means none were left; the cap ends it while an error loop keeps adding to a child.
  let moved = 0;
  for (let job = 0; job <= plan.events / MERGE_CHUNK + 1; job++) {
    const n = await submitWrite(() => moveMergedEvents(db, plan));
    moved += n;
    onMoved?.(moved);
    if (n < MERGE_CHUNK) break;
  }
  try {
    return await submitWrite(() => mergeIssues(db, [plan.parent, ...plan.children], plan));
  } catch (err) {
    // No two issues left to merge (all data deleted meanwhile): nothing is left to finish either.
    const pendingId = plan.pendingId;
    if (err instanceof MergeRefused && pendingId !== undefined) await submitWrite(() => forgetIssueOp(db, pendingId));
    throw err;
  }
}

/**
 * Sentry's "Unmerge" of hashes merged into an issue, as writer jobs ({@link startUnmerge}, then
 * {@link unmergeChunk} per {@link UNMERGE_CHUNK} events, then {@link finishUnmerge}); remembered
 * from the first job to the last like a merge. Throws `MergeRefused`.
 * @see https://docs.sentry.io/product/issues/merging-issues/#unmerging-issues
 */
export function unmergeInJobs(db: DB, submitWrite: SubmitWrite, issueId: number, hashes: readonly string[]): Promise<UnmergedIssue> {
  return oneIssueOpAtATime(db, async () => {
    const plan = await submitWrite(() => {
      const planned = startUnmerge(db, issueId, hashes);
      planned.pendingId = rememberIssueOp(db, 'unmerge', pendingUnmerge(planned));
      return planned;
    });
    return moveThenUnmerge(db, submitWrite, plan);
  });
}

/** The jobs after the first: also how a remembered unmerge is finished. Call it holding the issue-ops lock. */
export async function moveThenUnmerge(db: DB, submitWrite: SubmitWrite, plan: UnmergePlan, onMoved?: OnMoved): Promise<UnmergedIssue> {
  // In jobs of their own: a part of 100,000 events must not hold ingest up for the whole move.
  for (let i = 0; i < plan.eventIds.length; i += UNMERGE_CHUNK) {
    const chunk = plan.eventIds.slice(i, i + UNMERGE_CHUNK);
    await submitWrite(() => unmergeChunk(db, plan, chunk));
    onMoved?.(i + chunk.length);
  }
  return submitWrite(() => finishUnmerge(db, plan));
}
