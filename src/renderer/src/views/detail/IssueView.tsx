import { useEffect } from 'react';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { DetailLayout } from './DetailLayout';

/** `#/issues/ID` and `#/issues/ID/events/EVENTID`. */
export function IssueView({ issueId, eventId }: { issueId: number; eventId?: string }) {
  const openIssue = useStore((s) => s.openIssue);
  const retry = useRetryOnReconnect(useStore((s) => s.issueError !== null || s.eventError !== null));
  useEffect(() => { void openIssue(issueId, eventId); }, [issueId, eventId, openIssue, retry]);
  return <DetailLayout expectedIssueId={issueId} />;
}

/** `#/events/EVENTID`: the event, inside its issue when it has one. */
export function EventView({ eventId }: { eventId: string }) {
  const openEvent = useStore((s) => s.openEvent);
  const retry = useRetryOnReconnect(useStore((s) => s.issueError !== null || s.eventError !== null));
  useEffect(() => { void openEvent(eventId); }, [eventId, openEvent, retry]);
  return <DetailLayout expectedIssueId={null} />;
}
