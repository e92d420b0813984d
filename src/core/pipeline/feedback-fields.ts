import type { SentryEvent } from '../../shared/sentry';
import { normalizeEventId } from './normalize-event';

/**
 * The columns of the `feedback` table, which holds one row per user feedback whichever form it
 * came in (a `feedback` event, or the deprecated `user_report` item), so "what users said about
 * this issue" is one indexed lookup by the event it is about.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export interface FeedbackFields {
  /** Normalised like `events.event_id` (32 lowercase hex digits), so the two join; null if not an id. */
  associated_event_id: string | null;
  name: string | null;
  email: string | null;
  message: string | null;
  url: string | null;
  source: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * A `feedback` event's `contexts.feedback`. The widget sends the name and e-mail there; an SDK
 * that leaves them out may still have the scope's user on the event, so that is the fallback.
 */
export function feedbackEventFields(event: SentryEvent): FeedbackFields {
  const f = event.contexts?.feedback ?? {};
  const user = event.user ?? {};
  return {
    associated_event_id: normalizeEventId(f.associated_event_id),
    name: text(f.name) ?? text(user.name) ?? text(user.username),
    email: text(f.contact_email) ?? text(user.email),
    message: text(f.message),
    url: text(f.url),
    source: text(f.source),
  };
}
