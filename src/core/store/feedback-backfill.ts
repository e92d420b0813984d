import { feedbackEventFields } from '../pipeline/feedback-fields';
import type { DB } from './db';
import { loadEventPayload, type StoredEventRow } from './event-payload';

/**
 * Gives every stored `feedback` event its `feedback` row (migration 014): before it, only user
 * reports had one, and a feedback event's associated id sat in its payload. Runs once, inside the
 * migration's transaction; feedback events are few, and the `events_kind` index finds them.
 * A payload that can no longer be read (its request body damaged) is skipped: its event page
 * says why, and the migration must not stop the store from opening.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function backfillFeedbackEvents(db: DB): void {
  const rows = db.prepare(`SELECT project_id, event_id, envelope_id, item_index, received, kind, payload, payload_codec, grouping
    FROM events e WHERE kind = 'feedback' AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.kind = 'feedback'
      AND f.envelope_id = e.envelope_id AND f.event_id = e.event_id)`).iterate() as IterableIterator<StoredEventRow & { project_id: number; event_id: string }>;
  const insert = db.prepare(`INSERT INTO feedback (project_id, envelope_id, kind, event_id, associated_event_id, name, email, message, url, source, received)
    VALUES (@project_id, @envelope_id, 'feedback', @event_id, @associated_event_id, @name, @email, @message, @url, @source, @received)`);
  const found: Record<string, unknown>[] = [];
  for (const row of rows) {
    try {
      found.push({ ...feedbackEventFields(loadEventPayload(db, row)), project_id: row.project_id, envelope_id: row.envelope_id,
        event_id: row.event_id, received: row.received });
    } catch {
      // Unreadable payload: see above.
    }
  }
  // Inserted after the scan: better-sqlite3 refuses writes while an iterator on the connection is open.
  for (const f of found) insert.run(f);
}
