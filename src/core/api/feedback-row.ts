import { FEEDBACK_MESSAGE_CHARS, type UserFeedback } from '../../shared/api-feedback';

/** A `feedback` row as the read API selects it ({@link FEEDBACK_COLUMNS}). */
export interface FeedbackRow {
  id: number; kind: string; event_id: string | null; associated_event_id: string | null; name: string | null;
  email: string | null; message: string | null; url: string | null; source: string | null; received: number;
}

export const FEEDBACK_COLUMNS = `f.id, f.kind, f.event_id, f.associated_event_id, f.name, f.email, substr(f.message, 1, ${FEEDBACK_MESSAGE_CHARS}) AS message,
  f.url, f.source, f.received`;
export const NEWEST_FIRST = 'ORDER BY f.received DESC, f.id DESC';

/** One feedback row as the API answers it: a user report has no event of its own to open. */
export function toFeedback(r: FeedbackRow): UserFeedback {
  const isEvent = r.kind === 'feedback';
  return {
    id: r.id, kind: isEvent ? 'feedback' : 'user_report', message: r.message, name: r.name, email: r.email, url: r.url,
    source: r.source, received: r.received, associatedEventId: r.associated_event_id, feedbackEventId: isEvent ? r.event_id : null,
  };
}
