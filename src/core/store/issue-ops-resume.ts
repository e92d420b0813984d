import type { MergedIssues, UnmergedIssue } from '../../shared/api-types';
import type { DB } from './db';
import type { MergePlan } from './issue-merge';
import { oneIssueOpAtATime } from './issue-ops-lock';
import { eventsCarrying, type UnmergePlan } from './issue-unmerge';
import { moveThenMerge, moveThenUnmerge, type OnMoved, type SubmitWrite } from './merge-jobs';
import { forgetIssueOp, pendingIssueOps, type PendingIssueOp, type PendingMerge, type PendingUnmerge } from './pending-issue-ops';

export interface ResumeHooks {
  log: (line: string) => void;
  /** Told as the API tells a merge or unmerge it ran, so open UIs follow. */
  onMerged?: (merged: MergedIssues) => void;
  onUnmerged?: (issueId: number, unmerged: UnmergedIssue) => void;
}

/** A progress line at most every this many events moved. */
const LOG_EVERY = 10_000;

/**
 * Finishes the merges and unmerges a crash cut short (`pending_issue_ops`, migration 022) through
 * the same writer jobs the API runs, so ingest goes on meanwhile. Takes the issue-ops lock at
 * once: a merge, unmerge or delete asked for after start-up waits for these. An issue deleted
 * since ("delete all data" between two jobs) is never brought back: a merge whose parent or
 * every child is gone, or an unmerge whose issue is gone, is only forgotten.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function resumeIssueOps(db: DB, submitWrite: SubmitWrite, hooks: ResumeHooks): Promise<void> {
  return oneIssueOpAtATime(db, async () => {
    const ops = await submitWrite(() => pendingIssueOps(db));
    for (const op of ops) {
      try {
        await resumeOne(db, submitWrite, op, hooks);
      } catch (err) {
        // Left remembered (a full disk, Lookout closing): the next start tries again.
        hooks.log(`Lookout: the interrupted ${op.kind} could not be finished now (${(err as Error).message}); the next start tries again.`);
      }
    }
  }).catch((err: unknown) => hooks.log(`Lookout: interrupted merges were not looked for (${(err as Error).message}); the next start tries again.`));
}

async function resumeOne(db: DB, submitWrite: SubmitWrite, op: PendingIssueOp, hooks: ResumeHooks): Promise<void> {
  const since = new Date(op.startedAt).toISOString();
  if (op.kind === 'merge') {
    const plan = await submitWrite(() => mergeLeft(db, op.id, op.plan));
    if (!plan) { hooks.log(`Lookout: the merge into issue ${op.plan.parent} begun ${since} has nothing left to finish (issues deleted since).`); return; }
    hooks.log(`Lookout: finishing the merge of issues ${plan.children.join(', ')} into ${plan.parent} begun ${since} (${plan.left} events left to move).`);
    const merged = await moveThenMerge(db, submitWrite, plan, progress(hooks, 'merge', plan.left));
    hooks.log(`Lookout: merged issues ${merged.children.join(', ')} into ${merged.parent} (${merged.events} events).`);
    hooks.onMerged?.(merged);
    return;
  }
  const plan = await submitWrite(() => unmergeLeft(db, op.id, op.plan));
  if (!plan) { hooks.log(`Lookout: the unmerge from issue ${op.plan.issueId} begun ${since} has nothing left to finish (issue deleted since).`); return; }
  hooks.log(`Lookout: finishing the unmerge from issue ${plan.issueId} begun ${since} (${plan.eventIds.length} of ${plan.events} events left to move).`);
  const unmerged = await moveThenUnmerge(db, submitWrite, plan, progress(hooks, 'unmerge', plan.eventIds.length));
  hooks.log(`Lookout: unmerged ${unmerged.events} events from issue ${plan.issueId} into ${unmerged.issueId ?? 'no issue'}.`);
  hooks.onUnmerged?.(plan.issueId, unmerged);
}

function progress(hooks: ResumeHooks, kind: string, left: number): OnMoved {
  let logged = 0;
  return (moved) => {
    if (moved - logged < LOG_EVERY || moved >= left) return;
    logged = moved;
    hooks.log(`Lookout: ${kind}: ${moved} of ${left} events moved.`);
  };
}

const existing = (db: DB) => {
  const found = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck();
  return (id: number) => found.get(id) !== undefined;
};

/** A writer job: the merge as it can still be finished, or null (forgotten) when its issues are gone. */
function mergeLeft(db: DB, id: number, pending: PendingMerge): (MergePlan & { left: number }) | null {
  const exists = existing(db);
  const children = pending.children.filter(exists);
  if (!exists(pending.parent) || children.length === 0) { forgetIssueOp(db, id); return null; }
  const left = db.prepare('SELECT COUNT(*) FROM events INDEXED BY events_issue WHERE issue_id IN (SELECT value FROM json_each(?))')
    .pluck().get(JSON.stringify(children)) as number;
  return { ...pending, children, pendingId: id, left };
}

/** A writer job: the unmerge with the events it has left to move, or null (forgotten) when its issue is gone. */
function unmergeLeft(db: DB, id: number, pending: PendingUnmerge): UnmergePlan | null {
  if (!existing(db)(pending.issueId)) { forgetIssueOp(db, id); return null; }
  const { eventIds } = eventsCarrying(db, pending.issueId, new Set(pending.hashes));
  return { ...pending, eventIds, pendingId: id };
}
