import type { MergedIssues } from '../../shared/api-types';
import type { DB } from './db';
import { MERGE_CHUNK, mergeIssues, moveMergedEvents, planMerge } from './issue-merge';
import { oneIssueOpAtATime } from './issue-ops-lock';

/** Runs a function as one writer job (group-committed with ingest) and answers its result. */
export type SubmitWrite = <T>(run: () => T) => Promise<T>;

/**
 * A merge ({@link mergeIssues}) as writer jobs: the events move a chunk per job, so ingest goes
 * on between them; the counts, hashes and redirects move in the last. Throws `MergeRefused`.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function mergeInJobs(db: DB, submitWrite: SubmitWrite, ids: readonly number[]): Promise<MergedIssues> {
  return oneIssueOpAtATime(db, () => mergeNow(db, submitWrite, ids));
}

async function mergeNow(db: DB, submitWrite: SubmitWrite, ids: readonly number[]): Promise<MergedIssues> {
  const plan = await submitWrite(() => planMerge(db, ids));
  // A short chunk means none were left; the cap ends it while an error loop keeps adding to a child.
  for (let job = 0; job <= plan.events / MERGE_CHUNK + 1; job++) {
    const n = await submitWrite(() => moveMergedEvents(db, plan));
    if (n < MERGE_CHUNK) break;
  }
  return submitWrite(() => mergeIssues(db, ids, plan));
}
