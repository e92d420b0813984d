import type { MergedGroup, UnmergedIssue } from '../../shared/api-types';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { activityRecorder } from './issue-activity';
import { MergeRefused, itemsFollow, type MovedEvent } from './issue-merge';
import { issueWriter } from './issue-writer';
import { regroupRow, type RegroupRow } from './regroup';
import { unassigner } from './regroup-events';
import { forgetIssueOp, updateIssueOp, type PendingUnmerge } from './pending-issue-ops';

/** Events moved per writer job: ingest goes on between jobs (a 100,000-event part is ~200 of them). */
export const UNMERGE_CHUNK = 500;

function storedHashes(hashes: string | null): string[] {
  try { return (JSON.parse(hashes ?? '[]') as unknown[]).filter((h): h is string => typeof h === 'string'); } catch { return []; }
}

/** What was merged into an issue, by the issue each part came from (one hash per part for merges of old). */
export function mergedGroups(db: DB, issueId: number): MergedGroup[] {
  const rows = db.prepare('SELECT hash, from_issue FROM issue_merges WHERE issue_id = ? ORDER BY from_issue, hash').all(issueId) as
    { hash: string; from_issue: number | null }[];
  if (rows.length === 0) return [];
  const groups = new Map<string, MergedGroup>();
  for (const r of rows) {
    const key = r.from_issue === null ? `hash:${r.hash}` : `issue:${r.from_issue}`;
    const group = groups.get(key) ?? { fromIssue: r.from_issue, hashes: [], events: 0, title: null, lastSeen: null };
    group.hashes.push(r.hash);
    groups.set(key, group);
  }
  // By distinct hash list, in SQL: an issue's events carry few (a 200,000-event issue read each
  // row in JS in 320 ms). Named: without statistics the planner walked every error event by `events_kind`.
  const lists = db.prepare(`SELECT hashes, COUNT(*) AS n, MAX(timestamp) AS last FROM events INDEXED BY events_issue
    WHERE issue_id = ? AND kind = 'event' GROUP BY hashes`).all(issueId) as { hashes: string | null; n: number; last: number }[];
  const byHash = new Map([...groups.values()].flatMap((g) => g.hashes.map((h) => [h, g] as const)));
  const newest = new Map<MergedGroup, string | null>();
  for (const list of lists) {
    const group = storedHashes(list.hashes).map((h) => byHash.get(h)).find((g) => g !== undefined);
    if (!group) continue;
    group.events += list.n;
    if (group.lastSeen === null || list.last >= group.lastSeen) { group.lastSeen = list.last; newest.set(group, list.hashes); }
  }
  const titleAt = db.prepare(`SELECT title FROM events INDEXED BY events_issue WHERE issue_id = ? AND timestamp = ? AND kind = 'event'
    AND hashes IS ? ORDER BY id DESC LIMIT 1`).pluck();
  for (const [group, hashes] of newest) group.title = (titleAt.get(issueId, group.lastSeen, hashes) as string | undefined) ?? null;
  return [...groups.values()];
}

/** An unmerge under way: the events to move, and what the parent's user list must lose at the end. */
export interface UnmergePlan extends PendingUnmerge {
  eventIds: number[];
  /** Its `pending_issue_ops` row, kept up to date by the jobs so a crash loses nothing of the plan. */
  pendingId?: number;
}

/**
 * Sentry's "Unmerge", step 1 (one writer job): forgets the hashes as the issue's, so the next
 * events like them open a new issue, and lists the events carrying them. The events then move
 * with {@link unmergeChunk} and {@link finishUnmerge}, each a job of its own: ingest goes on.
 * @see https://docs.sentry.io/product/issues/merging-issues/#unmerging-issues
 */
export function startUnmerge(db: DB, issueId: number, hashes: readonly string[]): UnmergePlan {
  const merged = db.prepare(`SELECT project_id, hash, from_issue FROM issue_merges WHERE issue_id = ? AND hash IN (SELECT value FROM json_each(?))`)
    .all(issueId, JSON.stringify([...new Set(hashes)])) as { project_id: number; hash: string; from_issue: number | null }[];
  if (merged.length === 0 || merged.length < new Set(hashes).size) throw new MergeRefused('only hashes merged into this issue can be unmerged');
  const projectId = merged[0]!.project_id;
  const gone = new Set(merged.map((m) => m.hash));
  const forget = db.prepare('DELETE FROM issue_hashes WHERE project_id = ? AND hash = ?');
  const unmerge = db.prepare('DELETE FROM issue_merges WHERE project_id = ? AND hash = ?');
  for (const h of gone) { forget.run(projectId, h); unmerge.run(projectId, h); }
  bumpCacheVersion(db, 'issues');
  const { eventIds, moving, staying } = eventsCarrying(db, issueId, gone);
  const usersLeaving = [...moving].filter((u) => !staying.has(u));
  const origins = [...new Set(merged.map((m) => m.from_issue).filter((id): id is number => id !== null))];
  return { issueId, projectId, hashes: [...gone], eventIds, events: eventIds.length, usersLeaving, origins, newIssue: null };
}

/**
 * The events of an issue carrying any of these hashes, by id, with the users of those and of
 * the others. After a crash it lists what an unmerge has left to move: the hashes are no
 * longer the issue's, so no event carrying them joins it meanwhile.
 */
export function eventsCarrying(db: DB, issueId: number, gone: ReadonlySet<string>): { eventIds: number[]; moving: Set<string>; staying: Set<string> } {
  // Two passes in SQL (hash lists and their users, then the ids): this job holds ingest up, and
  // reading each row in JS took 320 ms at 200,000 events.
  const events = "FROM events INDEXED BY events_issue WHERE issue_id = ? AND kind = 'event'";
  const pairs = db.prepare(`SELECT DISTINCT hashes, user_key ${events}`).all(issueId) as { hashes: string | null; user_key: string | null }[];
  const moving = new Set<string>();
  const staying = new Set<string>();
  const lists = new Set<string>();
  for (const p of pairs) {
    const moves = p.hashes !== null && storedHashes(p.hashes).some((h) => gone.has(h));
    if (moves) lists.add(p.hashes!);
    if (p.user_key) (moves ? moving : staying).add(p.user_key);
  }
  const eventIds = lists.size === 0 ? [] : db.prepare(`SELECT id ${events} AND hashes IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .pluck().all(issueId, JSON.stringify([...lists])) as number[];
  return { eventIds, moving, staying };
}

/** Step 2: moves these events (still in the issue) to the new issue, their counts and `items` rows with them. */
export function unmergeChunk(db: DB, plan: UnmergePlan, eventIds: readonly number[]): void {
  const read = db.prepare("SELECT * FROM events WHERE id = ? AND issue_id = ? AND kind = 'event'");
  const unassign = unassigner(db, { bulk: true });
  const issues = issueWriter(db);
  const setIssue = db.prepare('UPDATE events SET issue_id = ? WHERE id = ?');
  const learnt = { newIssue: plan.newIssue, resentMoved: plan.resentMoved };
  for (const id of eventIds) {
    const row = read.get(id, plan.issueId) as (RegroupRow & MovedEvent) | undefined;
    if (!row) continue; // deleted or moved meanwhile
    // The hashes it was stored with, not recomputed: a grouping change since must not move it elsewhere.
    const ev = { ...regroupRow(db, row), grouping: { config: row.grouping_config ?? '', hashes: storedHashes(row.hashes) } };
    unassign(row, ev);
    const { issueId: to } = issues.assign(plan.projectId, ev, { replaying: true });
    plan.newIssue ??= to;
    setIssue.run(to, row.id);
    itemsFollow(db, to, [row]);
    if (row.duplicates > 0) plan.resentMoved = true;
  }
  if (plan.pendingId !== undefined && (learnt.newIssue !== plan.newIssue || learnt.resentMoved !== plan.resentMoved)) {
    updateIssueOp(db, plan.pendingId, pendingUnmerge(plan));
  }
  db.prepare('DELETE FROM issue_hourly WHERE issue_id = ? AND count <= 0').run(plan.issueId);
  db.prepare('DELETE FROM issue_tags WHERE issue_id = ? AND count <= 0').run(plan.issueId);
  bumpCacheVersion(db, 'issues');
}

/** The plan as remembered in `pending_issue_ops` (without the event ids: a resume lists what is left). */
export function pendingUnmerge({ eventIds: _ids, pendingId: _id, ...rest }: UnmergePlan): PendingUnmerge {
  return rest;
}

/**
 * Step 3: the issue loses the users that left with the events, and the old merged issue's link
 * opens the new one. Issues deleted meanwhile (a "delete all data") get neither links nor history.
 */
export function finishUnmerge(db: DB, plan: UnmergePlan): UnmergedIssue {
  const exists = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck();
  const newIssue = plan.newIssue !== null && exists.get(plan.newIssue) !== undefined ? plan.newIssue : null;
  const drop = db.prepare('DELETE FROM issue_users WHERE issue_id = ? AND user_key = ?');
  let left = 0;
  for (const user of plan.usersLeaving) left += drop.run(plan.issueId, user).changes;
  if (left > 0) db.prepare('UPDATE issues SET users = MAX(0, users - ?) WHERE id = ?').run(left, plan.issueId);
  // Resent copies' rows sit in other requests: those still naming the issue follow their event.
  if (plan.resentMoved) {
    db.prepare(`UPDATE items SET issue_id = e.issue_id FROM events e WHERE items.issue_id = @old AND items.event_id IS NOT NULL
      AND e.project_id = items.project_id AND e.event_id = items.event_id AND e.issue_id IS NOT NULL AND e.issue_id <> @old`)
      .run({ old: plan.issueId });
  }
  if (newIssue !== null && plan.origins.length > 0) {
    db.prepare('UPDATE issue_redirects SET to_id = ? WHERE from_id IN (SELECT value FROM json_each(?))').run(newIssue, JSON.stringify(plan.origins));
  }
  bumpCacheVersion(db, 'issues');
  if (newIssue !== null) {
    const record = activityRecorder(db);
    if (exists.get(plan.issueId) !== undefined) record(plan.issueId, 'unmerged', { issue: newIssue, events: plan.events });
    record(newIssue, 'unmerged_from', { issue: plan.issueId, events: plan.events });
  }
  if (plan.pendingId !== undefined) forgetIssueOp(db, plan.pendingId);
  return { issueId: newIssue, events: plan.events };
}
