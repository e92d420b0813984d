import type { IssueSummary, StreamMessage } from '../../shared/api-types';
import type { DB } from '../store/db';
import { deletionEventId, deletionMark, missedDeletion, streamPosition } from '../store/deletion-mark';
import { highestId } from '../store/rowid-floor';
import { ITEM_MONITOR_COLUMN } from '../store/item-monitor';
import { ITEM_SEGMENT_COLUMN } from '../store/item-segment';
import { toItem } from './event-queries';

/** The most items one reconnect replays; a client away for longer reloads its views anyway. */
const MAX_BACKLOG = 5000;

/** `message` null: an id alone, which sets the client's `Last-Event-ID` and dispatches nothing. */
export interface BacklogFrame { id: number | string; message: StreamMessage | null }


/**
 * What a client reconnecting with `Last-Event-ID` missed: the items stored after it, each new
 * issue's latest state once, and — where it falls among them — a `resync` when a deletion was
 * announced while the client was away (the rows that would say what went are gone). A client
 * connecting afresh gets only the stream's position.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function streamBacklog(db: DB, issues: { get(id: number): IssueSummary | null }, lastEventId: string | null): BacklogFrame[] {
  // A new client learns where the stream is at once: one that hears nothing before it is cut off
  // would reconnect without an id, and so miss what happened meanwhile.
  if (lastEventId === null || lastEventId === '') return [{ id: streamPosition(db), message: null }];
  const last = Number(lastEventId.split('.')[0]);
  if (!Number.isFinite(last)) return [{ id: streamPosition(db), message: null }];
  // An id past anything this store holds came from another store (Lookout restarted on another
  // data dir): what the client shows is not here.
  const mark = deletionMark(db);
  if (last > Math.max(highestId(db, 'items')(), mark.seq)) return [{ id: streamPosition(db), message: { type: 'resync' } }];
  const rows = db.prepare(`SELECT seq, kind, project_id, envelope_id, event_id, title, level, timestamp, received, issue_id,
    ${ITEM_MONITOR_COLUMN}, ${ITEM_SEGMENT_COLUMN} FROM items WHERE seq > ? ORDER BY seq LIMIT ${MAX_BACKLOG}`).all(last) as Record<string, unknown>[];
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
