import type { SentryEvent } from '../../shared/sentry';
import { loadEventPayload } from './event-payload';
import type { PreparedEvent } from '../pipeline/types';
import { StoredBodyError } from './body-dictionary';
import { bumpCacheVersion } from './cache-versions';
import { activityRecorder } from './issue-activity';
import { rememberDeletedIssues } from './issue-delete';
import type { DB } from './db';
import { issueWriter } from './issue-writer';
import { regroupedEvent, type RegroupRow, type RegroupSummary } from './regroup';

const HOUR = 3_600_000;

/**
 * Takes one event out of its issue's aggregates, as if it had never been assigned: count, hourly
 * count, tag counts, its user (when no other event of the issue has it), and the latest event.
 * The issue's first sighting stays: events pruned by retention may have been older.
 */
export function unassigner(db: DB, opts: { bulk?: boolean } = {}) {
  const count = db.prepare('UPDATE issues SET count = count - 1 WHERE id = ?');
  const hour = db.prepare('UPDATE issue_hourly SET count = count - 1 WHERE issue_id = ? AND hour = ?');
  const tag = db.prepare('UPDATE issue_tags SET count = count - 1 WHERE issue_id = ? AND key = ? AND value = ?');
  const emptyHours = db.prepare('DELETE FROM issue_hourly WHERE issue_id = ? AND count <= 0');
  const emptyTags = db.prepare('DELETE FROM issue_tags WHERE issue_id = ? AND count <= 0');
  const otherWithUser = db.prepare('SELECT 1 FROM events WHERE issue_id = ? AND user_key = ? AND id <> ? LIMIT 1').pluck();
  const dropUser = db.prepare('DELETE FROM issue_users WHERE issue_id = ? AND user_key = ?');
  const countUser = db.prepare('UPDATE issues SET users = users - 1 WHERE id = ?');
  const latest = db.prepare('SELECT latest_event_id FROM issues WHERE id = ?').pluck();
  const newestOther = db.prepare(`SELECT event_id, timestamp, level FROM events WHERE issue_id = ? AND id <> ? AND kind = 'event'
    ORDER BY timestamp DESC, id DESC LIMIT 1`);
  const setLatest = db.prepare('UPDATE issues SET latest_event_id = ?, last_seen = ?, level = ? WHERE id = ?');
  // `bulk` (an unmerge moving thousands): the caller settles users and empty rows once, after.
  return (row: RegroupRow, ev: PreparedEvent): void => {
    const id = row.issue_id;
    if (id === null) return;
    count.run(id);
    hour.run(id, Math.floor(row.timestamp / HOUR));
    for (const [k, v] of ev.tags) tag.run(id, k, v);
    if (!opts.bulk) {
      emptyHours.run(id);
      emptyTags.run(id);
      if (row.user_key && !otherWithUser.get(id, row.user_key, row.id) && dropUser.run(id, row.user_key).changes > 0) countUser.run(id);
    }
    if (latest.get(id) === row.event_id) {
      const next = newestOther.get(id, row.id) as { event_id: string; timestamp: number; level: string | null } | undefined;
      if (next) setLatest.run(next.event_id, next.timestamp, next.level ?? 'error', id);
    }
  };
}

/** Sentry's regression window: a resolution this close to the event is not undone by it. */
const REGRESSION_WINDOW_MS = 5_000;

/**
 * When a resolved issue was resolved: its newest "resolved" in the history, else (resolved before
 * the history was kept) its last sighting. Null when it is not resolved. Read before events move in.
 */
export function resolvedSince(db: DB, issueId: number): number | null {
  const issue = db.prepare('SELECT status, last_seen FROM issues WHERE id = ?').get(issueId) as { status: string; last_seen: number } | undefined;
  if (issue?.status !== 'resolved') return null;
  const at = db.prepare("SELECT MAX(at) FROM issue_activity WHERE issue_id = ? AND kind = 'resolved'").pluck().get(issueId) as number | null;
  return at ?? issue.last_seen;
}

/**
 * Events moved into a resolved issue (a re-group or its merge) count as they would have had they
 * arrived now: when the newest is later than the resolution (`since`, by more than Sentry's 5 s
 * window), the issue regresses, as Sentry's `_handle_regression` does for a new event. Sentry's
 * merge keeps the parent's status, but there events only move by hand; here a source map moves
 * them, and a fresh crash must not vanish from the Unresolved list. Call inside a write.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/event_manager.py (_handle_regression)
 */
export function regressIfNewer(db: DB, issueId: number, since: number | null, newestMovedAt: number, release: string | null): boolean {
  if (since === null || newestMovedAt <= since + REGRESSION_WINDOW_MS) return false;
  const changed = db.prepare(`UPDATE issues SET status = 'unresolved', regressed = 1, regressed_release = COALESCE(?, regressed_release),
    ignore_until_count = NULL WHERE id = ? AND status = 'resolved'`).run(release, issueId).changes;
  if (changed > 0) activityRecorder(db)(issueId, 'regressed', release !== null ? { release } : undefined);
  return changed > 0;
}

/** Deletes issues left without events, with everything kept per issue; returns those deleted. */
function dropEmptyIssues(db: DB, ids: Iterable<number>): number[] {
  const isEmpty = db.prepare('SELECT count <= 0 FROM issues WHERE id = ?').pluck();
  const deletes = ['issue_hashes', 'issue_users', 'issue_tags', 'issue_hourly', 'issue_activity'].map((t) => db.prepare(`DELETE FROM ${t} WHERE issue_id = ?`));
  const fts = db.prepare('DELETE FROM issues_fts WHERE rowid = ?');
  const issue = db.prepare('DELETE FROM issues WHERE id = ?');
  const dropped: number[] = [];
  for (const id of ids) {
    if (!isEmpty.get(id)) continue;
    dropped.push(id);
    for (const d of deletes) d.run(id);
    fts.run(id);
    // Its id is never handed out again: an old link must not open another issue.
    rememberDeletedIssues(db, JSON.stringify([id]));
    issue.run(id);
  }
  return dropped;
}

/** What {@link regroupEvents} did, with the issues open windows must hear of. */
export interface RegroupEventsResult extends RegroupSummary {
  /** Issues left without events and deleted. */
  removed: number[];
  /** Resolved issues that took in an event newer than their resolution, and regressed. */
  regressed: number[];
}

/**
 * Regroups only the events `ids` (their payloads changed, e.g. re-symbolicated with a source map
 * found later): an event whose new hashes another issue holds is taken out of its issue and
 * assigned to that one; otherwise its issue adopts the new hashes. Other events and the other issues' totals are not touched,
 * so this costs per event moved, not per event stored. Call inside a write transaction.
 * @see https://develop.sentry.dev/backend/application-domains/grouping/
 */
export function regroupEvents(db: DB, ids: readonly number[]): RegroupEventsResult {
  const issuesBefore = db.prepare('SELECT COUNT(*) FROM issues').pluck().get() as number;
  const read = db.prepare("SELECT * FROM events WHERE id = ? AND kind = 'event'");
  const holder = db.prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?').pluck();
  const setEvent = db.prepare('UPDATE events SET issue_id = ?, grouping_config = ?, hashes = ? WHERE id = ?');
  const claim = db.prepare('INSERT OR IGNORE INTO issue_hashes (project_id, hash, issue_id) VALUES (?, ?, ?)');
  const unassign = unassigner(db);
  const issues = issueWriter(db);
  const left = new Set<number>();
  // Each resolved issue that takes events in: when it was resolved, and the newest event (and its release) it took.
  const took = new Map<number, { since: number | null; at: number; release: string | null }>();
  let kept = 0;
  let created = 0;
  let moved = 0;
  for (const id of ids) {
    const row = read.get(id) as RegroupRow | undefined;
    if (!row) continue;
    let event: SentryEvent;
    try { event = loadEventPayload(db, row); } catch (err) { if (err instanceof StoredBodyError) continue; throw err; }
    const ev = regroupedEvent(row, event);
    const hashes = ev.grouping?.hashes ?? [];
    const target = hashes.map((h) => holder.get(row.project_id, h) as number | undefined).find((i) => i !== undefined);
    // No issue holds the new hashes: the event's own issue adopts them (it keeps its id and status,
    // and later events that group the new way join it).
    if (row.issue_id !== null && (target === row.issue_id || target === undefined)) {
      for (const h of hashes) claim.run(row.project_id, h, row.issue_id);
      setEvent.run(row.issue_id, ev.grouping?.config ?? null, JSON.stringify(hashes), row.id);
      kept++;
      continue;
    }
    unassign(row, ev);
    if (row.issue_id !== null) left.add(row.issue_id);
    if (target !== undefined && !took.has(target)) took.set(target, { since: resolvedSince(db, target), at: -Infinity, release: null });
    const assigned = issues.assign(row.project_id, ev, { replaying: true });
    if (assigned.change === 'created') created++;
    setEvent.run(assigned.issueId, ev.grouping?.config ?? null, JSON.stringify(hashes), row.id);
    const into = took.get(assigned.issueId);
    if (into && into.at < row.timestamp) Object.assign(into, { at: row.timestamp, release: ev.facts.release });
    moved++;
  }
  const removed = dropEmptyIssues(db, left);
  const regressed = [...took].filter(([issueId, t]) => regressIfNewer(db, issueId, t.since, t.at, t.release)).map(([issueId]) => issueId);
  // The issue writer's memory of hashes and search text no longer matches: it re-reads them.
  bumpCacheVersion(db, 'issues');
  const issuesAfter = db.prepare('SELECT COUNT(*) FROM issues').pluck().get() as number;
  return { events: kept + moved, issuesBefore, issuesAfter, kept, created, removed, regressed };
}
