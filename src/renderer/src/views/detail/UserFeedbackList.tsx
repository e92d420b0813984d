import type { UserFeedback } from '../../../../shared/api-feedback';
import { RelativeTime } from '../../components/RelativeTime';
import { TruncatedText } from '../../components/TruncatedText';
import { hrefOf } from '../../routing/navigation';

/** Where the list is shown: an issue's list says which event each feedback is about; an event's does not need to. */
export interface FeedbackAbout {
  issueId: number;
  /** The event on the page: feedback about it is marked as such rather than linked to it. */
  shownEventId: string | null;
}

/**
 * Feedback entries: what the user wrote (as text, never markup), who sent it and when, from
 * which page, and links to the error it is about and to the feedback event itself.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function UserFeedbackList({ items, about }: { items: UserFeedback[]; about: FeedbackAbout | null }) {
  return (
    <ul className="user-feedback-list">
      {items.map((f) => (
        <li key={f.id} className="user-feedback" data-testid="user-feedback-entry">
          <div className="user-feedback-head">
            <span className="user-feedback-who" data-testid="user-feedback-who">{whoSent(f)}</span>
            <RelativeTime ms={f.received} />
            {f.kind === 'user_report' && <span className="badge" title="Sent as a user_report item (the older feedback API)">user report</span>}
          </div>
          <TruncatedText pre className="message-text user-feedback-message" text={f.message ?? '(no message)'} limit={2000} testId="user-feedback-message" />
          <div className="user-feedback-links small">
            {f.url && <span className="muted ellipsis" title={f.url}>on <span className="mono">{f.url}</span></span>}
            {about && f.associatedEventId && <AboutEvent eventId={f.associatedEventId} about={about} />}
            {f.feedbackEventId && <a href={hrefOf({ name: 'event', eventId: f.feedbackEventId })} data-testid="user-feedback-open">open feedback</a>}
          </div>
        </li>
      ))}
    </ul>
  );
}

function AboutEvent({ eventId, about }: { eventId: string; about: FeedbackAbout }) {
  if (eventId === about.shownEventId) return <span className="muted" data-testid="user-feedback-this-event">about the event below</span>;
  return (
    <a className="mono" href={hrefOf({ name: 'issue', issueId: about.issueId, eventId })} data-testid="user-feedback-event-link">
      about event {eventId.slice(0, 12)}
    </a>
  );
}

function whoSent(f: UserFeedback): string {
  if (f.name && f.email) return `${f.name} <${f.email}>`;
  return f.name ?? f.email ?? 'Anonymous';
}
