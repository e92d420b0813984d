import type { IssueSummary, StreamMessage } from '../../shared/api-types';
import type { DB } from '../store/db';
import { deletionEventId, deletionMark, missedDeletion } from '../store/deletion-mark';
import { toItem } from './event-queries';

/** The most items one reconnect replays; a client away for longer reloads its views anyway. */
const MAX_BACKLOG = 5000;

export interface BacklogFrame { id: number | string; message: StreamMessage }

/**
 * What a client reconnecting with `Last-Event-ID` missed: the items stored after it, each new
 * issue's latest state once, and — where it falls among them — a `resync` when a deletion was
 * announced while the client was away (the rows that would say what went are gone).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function streamBacklog(db: DB, issues: { get(id: number): IssueSummary | null }, lastEventId: string | null): BacklogFrame[] {
  const last = lastEventId === null ? NaN : Number(lastEventId.split('.')[0]);
  if (!Number.isFinite(last) || lastEventId === null) return [];
  const rows = db.prepare(`SELECT seq, kind, project_id, envelope_id, event_id, title, level, timestamp, received, issue_id
    FROM items WHERE seq > ? ORDER BY seq LIMIT ${MAX_BACKLOG}`).all(last) as Record<string, unknown>[];
  const mark = deletionMark(db);
  let resync = missedDeletion(mark, lastEventId);
  const backlog: BacklogFrame[] = [];
  const seenIssues = new Set<number>();
  for (const row of rows) {
    const item = toItem(row);
    if (resync && item.seq > mark.seq) {
      backlog.push({ id: deletionEventId(mark), message: { type: 'resync' } });
      resync = false;
    }
    backlog.push({ id: item.seq, message: { type: 'item', item } });
    if (item.issueId !== null && !seenIssues.has(item.issueId)) {
      seenIssues.add(item.issueId);
      const issue = issues.get(item.issueId);
      if (issue) backlog.push({ id: item.seq, message: { type: 'issue', change: 'updated', issue } });
    }
  }
  if (resync) backlog.push({ id: deletionEventId(mark), message: { type: 'resync' } });
  return backlog;
}
