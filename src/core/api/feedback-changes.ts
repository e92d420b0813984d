import { FEEDBACK_STATUSES, type FeedbackChange, type FeedbackListItem, type FeedbackStatus } from '../../shared/api-feedback';
import type { DB } from '../store/db';
import { feedbackPageQueries } from './feedback-page';
import { HttpError } from './http-util';

/** The body of a change, checked: `read` a boolean, `status` a mailbox, at least one of them. */
export function parseFeedbackChange(body: unknown): FeedbackChange {
  const b = typeof body === 'object' && body !== null ? body as { read?: unknown; status?: unknown } : {};
  const change: FeedbackChange = {};
  if (b.read !== undefined) {
    if (typeof b.read !== 'boolean') throw new HttpError(400, '"read" takes true or false');
    change.read = b.read;
  }
  if (b.status !== undefined) {
    if (typeof b.status !== 'string' || !(FEEDBACK_STATUSES as readonly string[]).includes(b.status)) {
      throw new HttpError(400, `"status" takes one of ${FEEDBACK_STATUSES.join(', ')}`);
    }
    change.status = b.status as FeedbackStatus;
  }
  if (change.read === undefined && change.status === undefined) {
    throw new HttpError(400, 'a feedback takes {"read": true|false} and/or {"status": "unresolved"|"resolved"|"ignored"}');
  }
  return change;
}

/**
 * Changes feedbacks as Sentry's feedback list does, one or many: marks them read (keeping when each
 * was first read) or unread, and moves them between the Inbox (`unresolved`), Resolved and Spam
 * (`ignored`). Run in the writer. Answers the rows as they are now; ids of no feedback are skipped.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/useMutateFeedback.tsx
 */
export function feedbackChanges(db: DB) {
  const page = feedbackPageQueries(db);
  const markRead = db.prepare('UPDATE feedback SET read_at = ? WHERE id = ? AND read_at IS NULL');
  const markUnread = db.prepare('UPDATE feedback SET read_at = NULL WHERE id = ?');
  const setStatus = db.prepare('UPDATE feedback SET status = ? WHERE id = ? AND status <> ?');

  return db.transaction((ids: readonly number[], change: FeedbackChange): FeedbackListItem[] => {
    const now = Date.now();
    const items: FeedbackListItem[] = [];
    for (const id of new Set(ids)) {
      if (change.read === true) markRead.run(now, id);
      else if (change.read === false) markUnread.run(id);
      if (change.status !== undefined) setStatus.run(change.status, id, change.status);
      const item = page.one(id);
      if (item) items.push(item);
    }
    return items;
  });
}
