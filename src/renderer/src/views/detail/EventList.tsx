import { STORED_EVENTS_COUNTED, type EventSummary } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

/** The issue's events, newest first, with paging, and how many retention deleted. */
export function EventList({ issueId, currentEventId }: { issueId: number; currentEventId: string | null }) {
  const events = useStore((s) => s.issueEvents);
  const cursor = useStore((s) => s.issueEventsCursor);
  const loadMore = useStore((s) => s.loadMoreIssueEvents);
  const pruned = useStore((s) => {
    const issue = s.issue;
    if (!issue || issue.id !== issueId || issue.storedEvents === undefined || issue.storedEvents >= STORED_EVENTS_COUNTED) return 0;
    return Math.max(0, issue.count - issue.storedEvents);
  });
  return (
    <div className="event-list" data-testid="event-list">
      {events.length === 0 && <p className="muted small">No events.</p>}
      <ul>
        {events.map((e: EventSummary) => (
          <li key={e.eventId} className={e.eventId === currentEventId ? 'active' : ''} aria-current={e.eventId === currentEventId ? 'true' : undefined}>
            <a href={hrefOf({ name: 'issue', issueId, eventId: e.eventId })} data-testid="event-list-item">
              <code className="mono">{e.eventId.slice(0, 8)}</code>
              <RelativeTime ms={e.timestamp} />
              <span className="muted small ellipsis">{[e.release, e.environment, e.userKey].filter(Boolean).join(' · ')}</span>
            </a>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" className="link-btn" onClick={() => void loadMore()}>Load older events</button>}
      {pruned > 0 && (
        <p className="muted small" data-testid="pruned-events">
          {pruned.toLocaleString()} older event{pruned === 1 ? ' was' : 's were'} deleted by retention (<a href={hrefOf({ name: 'settings' })}>Settings</a>);
          the counts still include {pruned === 1 ? 'it' : 'them'}.
        </p>
      )}
    </div>
  );
}
