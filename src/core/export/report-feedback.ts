/**
 * "What the user said": the feedback users sent about the events (the widget's feedback
 * events and the older user reports alike), then the feedback sent in the same replay or trace as
 * those events but tied to none of them (labelled so), each newest first, scrubbed like the rest of the report.
 * E-mail addresses follow the `emails` rule, as the user's own table does.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
import { stripAnsi } from '../../shared/ansi';
import type { UserFeedback, UserFeedbackList } from '../../shared/api-feedback';
import type { RelatedFeedback } from './report-input';
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
  /** How it is tied to the issue: about one of its events, or sent in the same replay or trace (`viaId`). */
  via: 'event' | 'replay' | 'trace';
  viaId: string | null;
}

/** A report quotes this many; the bundle keeps the events, not their feedback. */
export const REPORT_FEEDBACK_MAX = 20;
const MESSAGE_CHARS = 5000;

export function feedbackViews(list: UserFeedbackList | undefined, ctx: ScrubContext | null,
  related?: { items: RelatedFeedback[]; total: number }): { items: FeedbackView[]; total: number } {
  const tied = (list?.items ?? []).map((f) => viewOf(f, 'event', null));
  const shared = (related?.items ?? []).map((f) => viewOf(f, f.via, f.viaId));
  // The words about the error itself first; the rest as room allows.
  const items = [...tied, ...shared].slice(0, REPORT_FEEDBACK_MAX).map((view, i) => (ctx ? scrubValueWith(view, ctx, `feedback[${i}]`) : view));
  const total = Math.max(list?.total ?? 0, tied.length) + Math.max(related?.total ?? 0, shared.length);
  return { items, total };
}

function viewOf(f: UserFeedback, via: FeedbackView['via'], viaId: string | null): FeedbackView {
  return {
    // A report is plain text: terminal colours are dropped, as from the event's message.
    message: f.message === null ? null : clip(stripAnsi(f.message), MESSAGE_CHARS), name: f.name, email: f.email, url: f.url,
    received: f.received, aboutEventId: f.associatedEventId, via, viaId,
  };
}

/** How a quote is tied to the issue, for the line above it; null for feedback about one of its events. */
export function feedbackTie(f: FeedbackView): string | null {
  if (f.via === 'event') return null;
  return `sent in the same ${f.via} as this issue's events (${f.via} ${f.viaId ?? '?'})`;
}

/** The line both renderers print above the quotes: how many there are, and how many are shown. */
export function feedbackCountLine(shown: number, total: number): string {
  if (total === 1) return "1 message a user sent about this issue's events.";
  return shown < total ? `The newest ${shown} of ${total} messages users sent about this issue's events.`
    : `${total} messages users sent about this issue's events, newest first.`;
}
