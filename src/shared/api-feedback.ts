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
  /** How many more were marked as spam (the Spam mailbox): left out of `items` and `total`. */
  spam?: number;
}

/** How many feedbacks one answer lists at most. */
export const FEEDBACK_LIST_MAX = 100;

/** A message longer than this is cut in the list (a user report's comment has no limit of its own). */
export const FEEDBACK_MESSAGE_CHARS = 20_000;

/**
 * A feedback's mailbox, Sentry's statuses for feedback: `unresolved` (the Inbox), `resolved`, and
 * `ignored`, which Sentry's feedback list calls Spam.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/mailboxPicker.tsx
 */
export type FeedbackStatus = 'unresolved' | 'resolved' | 'ignored';
export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['unresolved', 'resolved', 'ignored'];

/** What `PUT /feedback/:id` and the bulk `PUT /feedback?id=1&id=2` change: the read state, the mailbox, or both. */
export interface FeedbackChange {
  read?: boolean;
  status?: FeedbackStatus;
}

/** How many feedbacks one bulk change takes at most. */
export const FEEDBACK_BULK_MAX = 1000;

/**
 * One row of the User Feedback page (`GET /feedback`): a feedback with what Sentry's feedback list
 * shows beside the message: its project, whether it was read, the issue of the error it is about,
 * and whether it came with a screenshot or a replay.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListItem.tsx
 */
export interface FeedbackListItem extends UserFeedback {
  projectId: number;
  /** Opened on the page (or marked read) since it came; Sentry's `hasSeen`. */
  read: boolean;
  /** Its mailbox: Inbox, Resolved or Spam. */
  status: FeedbackStatus;
  /** The issue of the associated error once that error is stored; null when none is, or it has no issue. */
  issueId: number | null;
  issueTitle: string | null;
  /** How many attachments (the widget's screenshots) came with the feedback event. */
  attachmentCount: number;
  /** The replay and trace the feedback event was sent in (from its own event row). */
  replayId: string | null;
  traceId: string | null;
}

/**
 * A page of the User Feedback list (one mailbox), newest first; `nextCursor` pages on, `unread`
 * counts the unread that match in the mailbox, `counts` every mailbox's feedback that match.
 */
export interface FeedbackPage {
  items: FeedbackListItem[];
  nextCursor: string | null;
  unread: number;
  counts: Record<FeedbackStatus, number>;
}

/** `GET /feedback` filters: a mailbox (the Inbox by default), a project, text in the message / name / e-mail / page, and the cursor of the page before. */
export interface FeedbackQuery {
  status?: FeedbackStatus;
  project?: number;
  query?: string;
  limit?: number;
  before?: string;
}

/** How many rows one page of the User Feedback list holds at most. */
export const FEEDBACK_PAGE_MAX = 200;
