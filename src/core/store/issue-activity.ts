import type { ActivityEntry, ActivityKind } from '../../shared/api-types';
import type { DB } from './db';

/** Entries read per issue: its history, newest first, is bounded for the page. */
export const ACTIVITY_SHOWN = 100;

/** A writer of an issue's history; called inside the writer job that made the change. */
export type RecordActivity = (issueId: number, kind: ActivityKind, data?: Record<string, unknown>, at?: number) => void;

/** Prepares the insert once: regressions record from the ingest path. */
export function activityRecorder(db: DB): RecordActivity {
  const insert = db.prepare('INSERT INTO issue_activity (issue_id, at, kind, data) VALUES (?, ?, ?, ?)');
  return (issueId, kind, data, at = Date.now()) => { insert.run(issueId, at, kind, data ? JSON.stringify(data) : null); };
}

/**
 * An issue's history, newest first, ending with its first-seen (from the issue itself, so
 * issues from before the history was kept have it too).
 * @see https://docs.sentry.io/product/issues/issue-details/#activity
 */
export function activityOf(db: DB, issueId: number): ActivityEntry[] | null {
  const issue = db.prepare('SELECT first_seen, first_release FROM issues WHERE id = ?').get(issueId) as
    { first_seen: number; first_release: string | null } | undefined;
  if (!issue) return null;
  const rows = db.prepare(`SELECT at, kind, data FROM issue_activity WHERE issue_id = ? ORDER BY id DESC LIMIT ${ACTIVITY_SHOWN}`)
    .all(issueId) as { at: number; kind: ActivityKind; data: string | null }[];
  const entries: ActivityEntry[] = rows.map((r) => ({ at: r.at, kind: r.kind, data: parseData(r.data) }));
  entries.push({ at: issue.first_seen, kind: 'first_seen', data: issue.first_release ? { release: issue.first_release } : {} });
  return entries;
}

function parseData(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch { return {}; }
}
