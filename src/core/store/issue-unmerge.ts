import type { MergedGroup, UnmergedIssue } from '../../shared/api-types';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { activityRecorder } from './issue-activity';
import { MergeRefused } from './issue-merge';
import { issueWriter } from './issue-writer';
import { regroupRow, type RegroupRow } from './regroup';
import { unassigner } from './regroup-events';

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
  // Named: without statistics the planner walked every error event by `events_kind`.
  const events = db.prepare("SELECT hashes, title, timestamp FROM events INDEXED BY events_issue WHERE issue_id = ? AND kind = 'event'");
  const byHash = new Map([...groups.values()].flatMap((g) => g.hashes.map((h) => [h, g] as const)));
  for (const e of events.iterate(issueId) as Iterable<{ hashes: string | null; title: string; timestamp: number }>) {
    const group = storedHashes(e.hashes).map((h) => byHash.get(h)).find((g) => g !== undefined);
    if (!group) continue;
    group.events++;
    if (group.lastSeen === null || e.timestamp >= group.lastSeen) { group.lastSeen = e.timestamp; group.title = e.title; }
  }
  return [...groups.values()];
}

/** An unmerge under way: the events to move, and what the parent's user list must lose at the end. */
export interface UnmergePlan {
  issueId: number;
  projectId: number;
  eventIds: number[];
  /** Users all of whose events here move. */
  usersLeaving: string[];
  origins: number[];
  newIssue: number | null;
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
  const eventIds: number[] = [];
  const staying = new Set<string>();
  const moving = new Set<string>();
  const rows = db.prepare("SELECT id, hashes, user_key FROM events INDEXED BY events_issue WHERE issue_id = ? AND kind = 'event' ORDER BY id");
  for (const r of rows.iterate(issueId) as Iterable<{ id: number; hashes: string | null; user_key: string | null }>) {
    const moves = storedHashes(r.hashes).some((h) => gone.has(h));
    if (moves) eventIds.push(r.id);
    if (r.user_key) (moves ? moving : staying).add(r.user_key);
  }
  const origins = [...new Set(merged.map((m) => m.from_issue).filter((id): id is number => id !== null))];
  return { issueId, projectId, eventIds, usersLeaving: [...moving].filter((u) => !staying.has(u)), origins, newIssue: null };
}

/** Step 2: moves these events (still in the issue) to the new issue, their counts with them. */
export function unmergeChunk(db: DB, plan: UnmergePlan, eventIds: readonly number[]): void {
  const read = db.prepare("SELECT * FROM events WHERE id = ? AND issue_id = ? AND kind = 'event'");
  const unassign = unassigner(db, { bulk: true });
  const issues = issueWriter(db);
  const setIssue = db.prepare('UPDATE events SET issue_id = ? WHERE id = ?');
  for (const id of eventIds) {
    const row = read.get(id, plan.issueId) as RegroupRow | undefined;
    if (!row) continue; // deleted or moved meanwhile
    // The hashes it was stored with, not recomputed: a grouping change since must not move it elsewhere.
    const ev = { ...regroupRow(db, row), grouping: { config: row.grouping_config ?? '', hashes: storedHashes(row.hashes) } };
    unassign(row, ev);
    const { issueId: to } = issues.assign(plan.projectId, ev, { replaying: true });
    plan.newIssue ??= to;
    setIssue.run(to, row.id);
  }
  db.prepare('DELETE FROM issue_hourly WHERE issue_id = ? AND count <= 0').run(plan.issueId);
  db.prepare('DELETE FROM issue_tags WHERE issue_id = ? AND count <= 0').run(plan.issueId);
  bumpCacheVersion(db, 'issues');
}

/** Step 3: the issue loses the users that left with the events, and the old merged issue's link opens the new one. */
export function finishUnmerge(db: DB, plan: UnmergePlan): UnmergedIssue {
  const drop = db.prepare('DELETE FROM issue_users WHERE issue_id = ? AND user_key = ?');
  let left = 0;
  for (const user of plan.usersLeaving) left += drop.run(plan.issueId, user).changes;
  if (left > 0) db.prepare('UPDATE issues SET users = MAX(0, users - ?) WHERE id = ?').run(left, plan.issueId);
  if (plan.newIssue !== null && plan.origins.length > 0) {
    db.prepare('UPDATE issue_redirects SET to_id = ? WHERE from_id IN (SELECT value FROM json_each(?))').run(plan.newIssue, JSON.stringify(plan.origins));
  }
  bumpCacheVersion(db, 'issues');
  if (plan.newIssue !== null) {
    const record = activityRecorder(db);
    record(plan.issueId, 'unmerged', { issue: plan.newIssue, events: plan.eventIds.length });
    record(plan.newIssue, 'unmerged_from', { issue: plan.issueId, events: plan.eventIds.length });
  }
  return { issueId: plan.newIssue, events: plan.eventIds.length };
}
