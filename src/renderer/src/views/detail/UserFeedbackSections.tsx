import type { EventDetail, IssueDetail } from '../../../../shared/api-types';
import type { UserFeedbackList as FeedbackList } from '../../../../shared/api-feedback';
import { Section } from '../../components/Section';
import { hrefOf } from '../../routing/navigation';
import { UserFeedbackList } from './UserFeedbackList';
import { useUserFeedback } from './use-user-feedback';

/**
 * Sentry's "User Feedback" of an issue: what users said about any of its events, the widget's
 * feedback and older user reports alike. Shown only when there is some. Feedback marked as spam is
 * left out, as on Sentry's issue page; a note says how much, linking to the Spam mailbox.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function IssueFeedbackSection({ issue, shownEventId }: { issue: IssueDetail; shownEventId: string | null }) {
  const list = useUserFeedback({ issueId: issue.id }, issue.count);
  if (!list || list.total + (list.spam ?? 0) === 0) return null;
  // What is about the event shown is listed with it, below: each feedback once on the page.
  const others = list.items.filter((f) => f.associatedEventId === null || f.associatedEventId !== shownEventId);
  const below = list.items.length - others.length;
  if (others.length === 0 && !list.spam) return null;
  return (
    <Section title={`User feedback (${countLabel(list)})`} testId="issue-feedback" id="issue-feedback" level={2}>
      {below > 0 && <p className="muted small" data-testid="feedback-below">{below.toLocaleString()} about the event shown, with it below.</p>}
      <SpamNote spam={list.spam} />
      {others.length > 0 && <UserFeedbackList items={others} about={{ issueId: issue.id, shownEventId }} />}
    </Section>
  );
}

/** The feedback about the error event shown (a feedback event shows its own text instead; a transaction has none). */
export function EventFeedbackSection({ detail }: { detail: EventDetail }) {
  return detail.kind === 'event' ? <EventFeedback eventId={detail.eventId} /> : null;
}

function EventFeedback({ eventId }: { eventId: string }) {
  const list = useUserFeedback({ eventId });
  if (!list || list.total + (list.spam ?? 0) === 0) return null;
  return (
    <Section title={`User feedback on this event (${countLabel(list)})`} testId="event-feedback" id="event-feedback">
      <SpamNote spam={list.spam} />
      {list.items.length > 0 && <UserFeedbackList items={list.items} about={null} />}
    </Section>
  );
}

/** "105, newest 100 shown" when the server listed fewer than there are. */
function countLabel(list: FeedbackList): string {
  return list.items.length < list.total ? `${list.total.toLocaleString()}, newest ${list.items.length} shown` : String(list.total);
}

/** "2 marked as spam", linking to the User Feedback page's Spam mailbox, where they are read or moved back. */
function SpamNote({ spam }: { spam: number | undefined }) {
  if (!spam) return null;
  return (
    <p className="muted small" data-testid="feedback-spam-note">
      <a href={hrefOf({ name: 'feedback', mailbox: 'ignored' })}>{spam.toLocaleString()} marked as spam</a>, not listed here.
    </p>
  );
}
