/**
 * "What the user said": the feedback users sent about the events (the widget's feedback
 * events and the older user reports alike), newest first, scrubbed like the rest of the report.
 * E-mail addresses follow the `emails` rule, as the user's own table does.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
import { stripAnsi } from '../../shared/ansi';
import type { UserFeedbackList } from '../../shared/api-feedback';
import { clip } from './format';
import { scrubValueWith, type ScrubContext } from './scrub';

export interface FeedbackView {
  message: string | null;
  name: string | null;
  email: string | null;
  /** The page it was sent from. */
  url: string | null;
  received: number;
  /** The error event it is about. */
  aboutEventId: string | null;
}

/** A report quotes this many; the bundle keeps the events, not their feedback. */
export const REPORT_FEEDBACK_MAX = 20;
const MESSAGE_CHARS = 5000;

export function feedbackViews(list: UserFeedbackList | undefined, ctx: ScrubContext | null): { items: FeedbackView[]; total: number } {
  if (!list) return { items: [], total: 0 };
  const items = list.items.slice(0, REPORT_FEEDBACK_MAX).map((f, i) => {
    const view: FeedbackView = {
      // A report is plain text: terminal colours are dropped, as from the event's message.
      message: f.message === null ? null : clip(stripAnsi(f.message), MESSAGE_CHARS), name: f.name, email: f.email, url: f.url,
      received: f.received, aboutEventId: f.associatedEventId,
    };
    return ctx ? scrubValueWith(view, ctx, `feedback[${i}]`) : view;
  });
  return { items, total: Math.max(list.total, items.length) };
}

/** The line both renderers print above the quotes: how many there are, and how many are shown. */
export function feedbackCountLine(shown: number, total: number): string {
  if (total === 1) return "1 message a user sent about this issue's events.";
  return shown < total ? `The newest ${shown} of ${total} messages users sent about this issue's events.`
    : `${total} messages users sent about this issue's events, newest first.`;
}
