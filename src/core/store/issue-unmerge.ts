import type { MergedGroup, UnmergedIssue } from '../../shared/api-types';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { MergeRefused } from './issue-merge';
import { issueWriter } from './issue-writer';
import { regroupRow, type RegroupRow } from './regroup';
import { unassigner } from './regroup-events';

function storedHashes(row: { hashes: string | null }): string[] {
  try { return (JSON.parse(row.hashes ?? '[]') as unknown[]).filter((h): h is string => typeof h === 'string'); } catch { return []; }
}

/** What was merged into an issue, by the issue each part came from (one hash per part for merges of old). */
export function mergedGroups(db: DB, issueId: number): MergedGroup[] {
  const rows = db.prepare('SELECT hash, from_issue FROM issue_merges WHERE issue_id = ? ORDER BY from_issue, hash').all(issueId) as
    { hash: string; from_issue: number | null }[];
  const groups = new Map<string, MergedGroup>();
  for (const r of rows) {
    const key = r.from_issue === null ? `hash:${r.hash}` : `issue:${r.from_issue}`;
    const group = groups.get(key) ?? { fromIssue: r.from_issue, hashes: [], events: 0, title: null, lastSeen: null };
    group.hashes.push(r.hash);
    groups.set(key, group);
  }
  const events = db.prepare("SELECT hashes, title, timestamp FROM events WHERE issue_id = ? AND kind = 'event'");
  const byHash = new Map([...groups.values()].flatMap((g) => g.hashes.map((h) => [h, g] as const)));
  for (const e of events.iterate(issueId) as Iterable<{ hashes: string | null; title: string; timestamp: number }>) {
    const group = storedHashes(e).map((h) => byHash.get(h)).find((g) => g !== undefined);
    if (!group) continue;
    group.events++;
    if (group.lastSeen === null || e.timestamp >= group.lastSeen) { group.lastSeen = e.timestamp; group.title = e.title; }
  }
  return [...groups.values()];
}

/**
 * Sentry's "Unmerge": the events of `issueId` that carry any of `hashes` (all of them merged into
 * it) leave it for a new issue, which those hashes lead to from now on. Both issues' counts are
 * moved event by event; a link to the issue they came from opens the new one. Must run in the writer.
 * @see https://docs.sentry.io/product/issues/merging-issues/#unmerging-issues
 */
export function unmergeHashes(db: DB, issueId: number, hashes: readonly string[]): UnmergedIssue {
  const merged = db.prepare(`SELECT project_id, hash, from_issue FROM issue_merges WHERE issue_id = ? AND hash IN (SELECT value FROM json_each(?))`)
    .all(issueId, JSON.stringify([...new Set(hashes)])) as { project_id: number; hash: string; from_issue: number | null }[];
  if (merged.length === 0 || merged.length < new Set(hashes).size) throw new MergeRefused('only hashes merged into this issue can be unmerged');
  const projectId = merged[0]!.project_id;
  const gone = new Set(merged.map((m) => m.hash));
  const forget = db.prepare('DELETE FROM issue_hashes WHERE project_id = ? AND hash = ?');
  const unmerge = db.prepare('DELETE FROM issue_merges WHERE project_id = ? AND hash = ?');
  for (const h of gone) { forget.run(projectId, h); unmerge.run(projectId, h); }
  bumpCacheVersion(db, 'issues');
  const rows = (db.prepare("SELECT * FROM events WHERE issue_id = ? AND kind = 'event' ORDER BY id").all(issueId) as RegroupRow[])
    .filter((row) => storedHashes(row).some((h) => gone.has(h)));
  const unassign = unassigner(db);
  const issues = issueWriter(db);
  const setIssue = db.prepare('UPDATE events SET issue_id = ? WHERE id = ?');
  let newIssue: number | null = null;
  for (const row of rows) {
    // The hashes it was stored with, not recomputed: a grouping change since must not move it elsewhere.
    const ev = { ...regroupRow(db, row), grouping: { config: row.grouping_config ?? '', hashes: storedHashes(row) } };
    unassign(row, ev);
    const { issueId: to } = issues.assign(projectId, ev, { replaying: true });
    newIssue ??= to;
    setIssue.run(to, row.id);
  }
  // With no event left of it, its hashes still lead to a new issue when one comes.
  const origins = [...new Set(merged.map((m) => m.from_issue).filter((id): id is number => id !== null))];
  if (newIssue !== null && origins.length > 0) {
    db.prepare('UPDATE issue_redirects SET to_id = ? WHERE from_id IN (SELECT value FROM json_each(?))').run(newIssue, JSON.stringify(origins));
  }
  bumpCacheVersion(db, 'issues');
  return { issueId: newIssue, events: rows.length };
}
