import type { EventSummary } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

/** The issue's events, newest first, with paging. */
export function EventList({ issueId, currentEventId }: { issueId: number; currentEventId: string | null }) {
  const events = useStore((s) => s.issueEvents);
  const cursor = useStore((s) => s.issueEventsCursor);
  const loadMore = useStore((s) => s.loadMoreIssueEvents);
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
    </div>
  );
}
