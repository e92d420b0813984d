import { useEffect } from 'react';
import { useStore } from '../../store';
import { DetailLayout } from './DetailLayout';

/** `#/issues/ID` and `#/issues/ID/events/EVENTID`. */
export function IssueView({ issueId, eventId }: { issueId: number; eventId?: string }) {
  const openIssue = useStore((s) => s.openIssue);
  useEffect(() => { void openIssue(issueId, eventId); }, [issueId, eventId, openIssue]);
  return <DetailLayout expectedIssueId={issueId} />;
}

/** `#/events/EVENTID`: the event, inside its issue when it has one. */
export function EventView({ eventId }: { eventId: string }) {
  const openEvent = useStore((s) => s.openEvent);
  useEffect(() => { void openEvent(eventId); }, [eventId, openEvent]);
  return <DetailLayout expectedIssueId={null} />;
}
