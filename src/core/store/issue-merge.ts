import type { MergedIssues } from '../../shared/api-types';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { markDeletion } from './deletion-mark';
import { activityRecorder } from './issue-activity';
import { rememberDeletedIssues } from './issue-delete';
import { forgetIssueOp, updateIssueOp, type PendingMerge } from './pending-issue-ops';

/** What makes a merge impossible (answered 400). */
export class MergeRefused extends Error {
  override name = 'MergeRefused';
}

/** Events moved per writer job before a merge's last step: ~5 ms each with their `items` rows (2.5 ms of it), so ingest goes on between them. */
export const MERGE_CHUNK = 1000;

/** Which issue takes in which: the parent has the most events (the newest on a tie) unless `parent` is named and among them. */
export interface MergePlan {
  parent: number;
  children: number[];
  /** The children's events when the merge began: bounds the jobs while an error loop adds more. */
  events: number;
  /** Whether events moved so far had resent copies, whose `items` rows must follow in the last step. */
  resentMoved?: boolean;
  /** Its `pending_issue_ops` row, kept up to date by the jobs so a crash loses nothing of the plan. */
  pendingId?: number;
}

/**
 * Step 1 (a writer job): checks the issues can be merged (errors only, of one project) and picks the parent.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/merge.py
 */
export function planMerge(db: DB, ids: readonly number[], parent?: number): MergePlan {
  // An id merged before names the issue it joined.
  const current = [...new Set(ids.map((id) => currentIssueId(db, id)))];
  const rows = db.prepare(`SELECT id, project_id, count, type FROM issues WHERE id IN (SELECT value FROM json_each(?))
    ORDER BY count DESC, id DESC`).all(JSON.stringify(current)) as { id: number; project_id: number; count: number; type: string }[];
  if (rows.length < 2) throw new MergeRefused('pick at least two existing issues to merge');
  if (new Set(rows.map((r) => r.project_id)).size > 1) throw new MergeRefused('issues of different projects cannot be merged');
  // Sentry's handle_merge refuses any issue outside the error category: a performance issue (a
  // transaction's) would take in crashes under its "N+1 Query" label, or lose its evidence to one.
  if (rows.some((r) => r.type === 'transaction' || r.type === 'cron')) throw new MergeRefused('Only error issues can be merged.');
  const chosen = rows.find((r) => r.id === parent) ?? rows[0]!;
  const children = rows.filter((r) => r !== chosen);
  return { parent: chosen.id, children: children.map((r) => r.id), events: children.reduce((sum, r) => sum + r.count, 0) };
}

/**
 * Step 2, repeated (each a writer job): moves up to {@link MERGE_CHUNK} of the children's events
 * to the parent and answers how many; 0 when none are left or the parent is gone. Counts move in
 * the last step: until then each issue's own count is off, their sum never is, and a merge cut
 * short (a crash) is finished at the next start from its `pending_issue_ops` row (issue-ops-resume.ts).
 */
export function moveMergedEvents(db: DB, plan: MergePlan): number {
  const moved = db.prepare(`UPDATE events SET issue_id = @parent WHERE EXISTS (SELECT 1 FROM issues WHERE id = @parent)
    AND id IN (SELECT id FROM events INDEXED BY events_issue WHERE issue_id IN (SELECT value FROM json_each(@kids)) LIMIT ${MERGE_CHUNK})
    RETURNING envelope_id, item_index, duplicates`).all({ parent: plan.parent, kids: JSON.stringify(plan.children) }) as MovedEvent[];
  itemsFollow(db, plan.parent, moved);
  if (!plan.resentMoved && moved.some((m) => m.duplicates > 0)) {
    plan.resentMoved = true;
    if (plan.pendingId !== undefined) updateIssueOp(db, plan.pendingId, pendingMerge(plan));
  }
  return moved.length;
}

/** An event moved to another issue: where its own `items` row is. */
export interface MovedEvent { envelope_id: number; item_index: number; duplicates: number }

/**
 * Points the `items` row each moved event came in with at its new issue (found through
 * `items_envelope`). Rows of resent copies sit in other requests, which only a scan of `items`
 * finds: that is left to the last job, and only when `duplicates` says there are any.
 */
export function itemsFollow(db: DB, issueId: number, moved: readonly MovedEvent[]): void {
  const follow = db.prepare('UPDATE items SET issue_id = ? WHERE envelope_id = ? AND item_index = ?');
  for (const m of moved) follow.run(issueId, m.envelope_id, m.item_index);
}

/** The plan as remembered in `pending_issue_ops`. */
export function pendingMerge({ parent, children, events, resentMoved }: MergePlan): PendingMerge {
  return { parent, children, events, ...(resentMoved ? { resentMoved } : {}) };
}

/**
 * Sentry's "Merge": the issue with the most events (the newest on a tie) takes in the others —
 * their events, tag, hour and user counts, search text and hashes, so later events like theirs
 * join it too. The others' ids redirect to it and are never given out again; their hashes are
 * remembered as merged, so a regroup keeps them together. Must run in the writer; whole, this is
 * one job (408 ms for two 100,000-event issues): the API moves the events first with
 * {@link moveMergedEvents}, and this last step is left the counts and what is left of the events.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function mergeIssues(db: DB, ids: readonly number[], moved?: MergePlan): MergedIssues {
  const { parent, children } = planMerge(db, ids, moved?.parent);
  const kids = JSON.stringify(children);
  const inKids = '(SELECT value FROM json_each(@kids))';
  const both = `(id = @parent OR id IN ${inKids})`;
  const run = (sql: string) => db.prepare(sql).run({ kids, parent }).changes;

  // An SDK's resent copies are deleted with their issue by their `items` rows (issue-delete.ts):
  // those go with the events. `items` has no index by issue, so only when there are any.
  const resent = db.prepare(`SELECT COALESCE(SUM(duplicates), 0) FROM events WHERE issue_id IN ${inKids}`).pluck().get({ kids }) as number;
  if (resent > 0 || moved?.resentMoved) run(`UPDATE items SET issue_id = @parent WHERE issue_id IN ${inKids}`);
  else itemsFollow(db, parent, db.prepare(`SELECT envelope_id, item_index, duplicates FROM events WHERE issue_id IN ${inKids}`).all({ kids }) as MovedEvent[]);
  // The events it takes in, as their issues counted them (a merge finished after a crash moved
  // fewer rows in its own jobs).
  const events = db.prepare(`SELECT COALESCE(SUM(count), 0) FROM issues WHERE id IN ${inKids}`).pluck().get({ kids }) as number;
  run(`UPDATE events SET issue_id = @parent WHERE issue_id IN ${inKids}`);
  // A child's own hashes remember it as their origin; those merged into it earlier keep theirs.
  run(`INSERT INTO issue_merges (project_id, hash, issue_id, from_issue) SELECT project_id, hash, @parent, issue_id FROM issue_hashes
    WHERE issue_id IN ${inKids} ON CONFLICT(project_id, hash) DO UPDATE SET issue_id = excluded.issue_id`);
  run(`UPDATE issue_merges SET issue_id = @parent WHERE issue_id IN ${inKids}`);
  run(`UPDATE issue_hashes SET issue_id = @parent WHERE issue_id IN ${inKids}`);
  run(`INSERT INTO issue_tags (issue_id, key, value, count) SELECT @parent, key, value, SUM(count) FROM issue_tags
    WHERE issue_id IN ${inKids} GROUP BY key, value ON CONFLICT(issue_id, key, value) DO UPDATE SET count = count + excluded.count`);
  run(`INSERT INTO issue_hourly (issue_id, hour, count) SELECT @parent, hour, SUM(count) FROM issue_hourly
    WHERE issue_id IN ${inKids} GROUP BY hour ON CONFLICT(issue_id, hour) DO UPDATE SET count = count + excluded.count`);
  run(`INSERT OR IGNORE INTO issue_users (issue_id, user_key) SELECT @parent, user_key FROM issue_users WHERE issue_id IN ${inKids}`);
  for (const table of ['issue_tags', 'issue_hourly', 'issue_users', 'issue_activity']) run(`DELETE FROM ${table} WHERE issue_id IN ${inKids}`);
  // It keeps its own title (the one the merge was confirmed with) until its next event relabels it,
  // as any event does; its latest event and release are the newest of all, its first release the oldest's.
  // Ignored "until N more events": the events it takes in are not more events.
  run(`UPDATE issues SET count = (SELECT SUM(count) FROM issues WHERE ${both}),
      ignore_until_count = ignore_until_count + (SELECT SUM(count) FROM issues WHERE id IN ${inKids}),
      users = (SELECT COUNT(*) FROM issue_users WHERE issue_id = @parent),
      first_seen = (SELECT MIN(first_seen) FROM issues WHERE ${both}),
      first_release = (SELECT first_release FROM issues WHERE ${both} AND first_release IS NOT NULL ORDER BY first_seen, id LIMIT 1),
      (last_seen, latest_event_id, last_release) = (SELECT last_seen, latest_event_id, last_release FROM issues WHERE ${both}
        ORDER BY last_seen DESC, id DESC LIMIT 1)
    WHERE id = @parent`);
  // Whole: each issue's text is bounded (issue-counters.ts), and so is a merge's number of issues.
  run(`UPDATE issues_fts SET text = text || ' ' || (SELECT group_concat(text, ' ') FROM issues_fts WHERE rowid IN ${inKids})
    WHERE rowid = @parent`);
  run(`DELETE FROM issues_fts WHERE rowid IN ${inKids}`);
  run(`UPDATE issue_redirects SET to_id = @parent WHERE to_id IN ${inKids}`);
  run(`INSERT OR REPLACE INTO issue_redirects (from_id, to_id) SELECT value, @parent FROM json_each(@kids)`);
  rememberDeletedIssues(db, kids);
  run(`DELETE FROM issues WHERE id IN ${inKids}`);
  bumpCacheVersion(db, 'issues');
  markDeletion(db);
  activityRecorder(db)(parent, 'merged', { issues: children, events });
  if (moved?.pendingId !== undefined) forgetIssueOp(db, moved.pendingId);
  return { parent, children, events };
}

/** The id an issue is found by now: a merged issue's parent, else `id` itself. */
export function currentIssueId(db: DB, id: number): number {
  return (db.prepare(`SELECT to_id FROM issue_redirects WHERE from_id = ? AND NOT EXISTS (SELECT 1 FROM issues WHERE id = from_id)`)
    .pluck().get(id) as number | undefined) ?? id;
}
