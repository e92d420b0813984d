/** Read API types, continued: see api-types.ts. User feedback, served by src/core/api/feedback-queries.ts. */

/**
 * One user feedback about an error event: a `feedback` event (the widget, `captureFeedback`) or
 * a deprecated `user_report` item. Everything but the ids is what the user typed: untrusted text.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export interface UserFeedback {
  /** Row id: stable, for list keys. */
  id: number;
  kind: 'feedback' | 'user_report';
  /** What the user wrote (cut at {@link FEEDBACK_MESSAGE_CHARS}), or null when they wrote nothing. */
  message: string | null;
  name: string | null;
  email: string | null;
  /** The page the feedback was sent from (feedback events only). */
  url: string | null;
  /** Where the SDK took it from: `widget`, `api`, `crash_report_embed_form`… (feedback events only). */
  source: string | null;
  /** When Lookout received it, epoch ms. */
  received: number;
  /** The error event the feedback is about. */
  associatedEventId: string | null;
  /** The feedback event's own id, to open it; null for a user report, which is no event. */
  feedbackEventId: string | null;
}

/** Feedback newest first, at most the asked number, with how many there are in all. */
export interface UserFeedbackList {
  items: UserFeedback[];
  total: number;
}

/** How many feedbacks one answer lists at most. */
export const FEEDBACK_LIST_MAX = 100;

/** A message longer than this is cut in the list (a user report's comment has no limit of its own). */
export const FEEDBACK_MESSAGE_CHARS = 20_000;
