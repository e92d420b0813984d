import { useStore } from '../../store';
import { EventBody } from './EventBody';
import { EventList } from './EventList';
import { EventNav } from './EventNav';
import { IssueHeader } from './IssueHeader';
import { IssueActivity } from './IssueActivity';
import { IssueNotFound } from './IssueNotFound';
import { MergedIssues } from './MergedIssues';
import { SimilarIssues } from './SimilarIssues';
import { TagBars } from './TagBars';
import { IssueFeedbackSection } from './UserFeedbackSections';
import { RelatedFeedbackSection } from './RelatedFeedbackSection';

/** Issue header on top; the event on the left; tags and the event list on the right. */
export function DetailLayout({ expectedIssueId }: { expectedIssueId: number | null }) {
  const issue = useStore((s) => s.issue);
  const issueError = useStore((s) => s.issueError);
  const event = useStore((s) => s.event);
  const eventError = useStore((s) => s.eventError);
  const eventLoading = useStore((s) => s.eventLoading);
  const shownIssue = issue && (expectedIssueId === null ? event?.issueId === issue.id : issue.id === expectedIssueId) ? issue : null;

  if (expectedIssueId !== null && issueError && !shownIssue) {
    return <IssueNotFound issueId={expectedIssueId} error={issueError} />;
  }
  return (
    <div className="view detail-view" data-testid="issue-detail">
      {shownIssue ? <IssueHeader issue={shownIssue} /> : expectedIssueId !== null && <div className="skeleton-header" />}
      <div className="detail-columns">
        <div className="detail-main">
          {eventError && <div className="error-box" role="alert" data-testid="event-error">{eventError}</div>}
          {shownIssue && <IssueFeedbackSection issue={shownIssue} shownEventId={event?.eventId ?? null} />}
          {shownIssue && <RelatedFeedbackSection issue={shownIssue} />}
          {event && <EventNav event={event} />}
          {event ? <EventBody detail={event} /> : eventLoading && <p className="muted">Loading event…</p>}
        </div>
        {shownIssue && (
          <aside className="detail-aside">
            <h3 className="aside-title">Tags</h3>
            <TagBars tags={shownIssue.tags} />
            <h3 className="aside-title">Events</h3>
            <EventList issueId={shownIssue.id} currentEventId={event?.eventId ?? null} />
            <MergedIssues issue={shownIssue} />
            {/* Sentry hides similar issues for performance issues: they cannot be merged. */}
            {shownIssue.issueCategory === undefined && <SimilarIssues issue={shownIssue} />}
            <IssueActivity issue={shownIssue} />
          </aside>
        )}
      </div>
    </div>
  );
}
