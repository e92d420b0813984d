import type { DB } from './db';
import { deleteEnvelopes } from './envelope-delete';
import { markDeletion } from './deletion-mark';

/** Items an envelope may carry besides the feedback for the feedback's request to go whole: the widget's screenshots. */
const FEEDBACK_ENVELOPE_KINDS = "('feedback', 'user_report', 'attachment')";

/**
 * Sentry's "Delete" of feedback (its feedback list, one or many): each feedback goes with its
 * feedback event and the attachments sent for it. The request that carried it goes too when it
 * carried nothing else (the widget sends the feedback and its screenshots alone); a user report
 * sent beside an error leaves the error and its request. Runs in the writer. Answers the ids of
 * the feedback deleted; ids of no feedback are skipped.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/useBulkEditFeedbacks.tsx
 */
export function deleteFeedback(db: DB, ids: readonly number[]): number[] {
  const rows = db.prepare(`SELECT id, project_id, envelope_id, kind, event_id FROM feedback
    WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as
    { id: number; project_id: number; envelope_id: number; kind: string; event_id: string | null }[];
  if (rows.length === 0) return [];
  const othersInEnvelope = db.prepare(`SELECT EXISTS (SELECT 1 FROM items WHERE envelope_id = ? AND kind NOT IN ${FEEDBACK_ENVELOPE_KINDS})
    OR EXISTS (SELECT 1 FROM feedback WHERE envelope_id = ?)`).pluck();
  const deleteRow = db.prepare('DELETE FROM feedback WHERE id = ?');
  const deleteEvent = db.prepare("DELETE FROM events WHERE project_id = ? AND event_id = ? AND kind = 'feedback'");
  const deleteAttachments = db.prepare('DELETE FROM attachments WHERE project_id = ? AND event_id = ?');
  return db.transaction(() => {
    const envelopes = new Set<number>();
    for (const f of rows) {
      deleteRow.run(f.id);
      // A user report's event id is the error's: the error and its attachments stay.
      if (f.kind === 'feedback' && f.event_id !== null) {
        deleteEvent.run(f.project_id, f.event_id);
        deleteAttachments.run(f.project_id, f.event_id);
      }
      // Asked after the row went: another feedback of the request keeps it.
      if (othersInEnvelope.get(f.envelope_id, f.envelope_id) === 0) envelopes.add(f.envelope_id);
    }
    deleteEnvelopes(db, [...envelopes]);
    // Their requests left the Stream: a window away meanwhile reads everything again.
    if (envelopes.size > 0) markDeletion(db);
    return rows.map((f) => f.id);
  })();
}
