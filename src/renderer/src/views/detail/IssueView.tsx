import { useEffect } from 'react';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { DetailLayout } from './DetailLayout';
import { navigate } from '../../routing/navigation';

/** `#/issues/ID` and `#/issues/ID/events/EVENTID`. */
export function IssueView({ issueId, eventId }: { issueId: number; eventId?: string }) {
  const openIssue = useStore((s) => s.openIssue);
  const retry = useRetryOnReconnect(useStore((s) => s.issueError !== null || s.eventError !== null));
  useEffect(() => { void openIssue(issueId, eventId); }, [issueId, eventId, openIssue, retry]);
  // A link to an event under another issue (an old link, after a regroup or "re-group with
  // source maps") goes to the issue the event is in now, not shown under the wrong header.
  const movedTo = useStore((s) => (eventId && s.event?.eventId === eventId && s.event.issueId !== null && s.event.issueId !== issueId
    ? s.event.issueId : null));
  useEffect(() => {
    if (movedTo !== null && eventId) navigate({ name: 'issue', issueId: movedTo, eventId }, { replace: true });
  }, [movedTo, eventId]);
  // A merged issue's link (or the issue shown here, merged in another window) opens the issue it joined.
  const mergedInto = useStore((s) => (s.issueRedirect?.from === issueId ? s.issueRedirect.to : null));
  useEffect(() => {
    if (mergedInto !== null) navigate({ name: 'issue', issueId: mergedInto, ...(eventId ? { eventId } : {}) }, { replace: true });
  }, [mergedInto, eventId]);
  return <DetailLayout expectedIssueId={issueId} />;
}

/** `#/events/EVENTID`: the event, inside its issue when it has one. */
export function EventView({ eventId }: { eventId: string }) {
  const openEvent = useStore((s) => s.openEvent);
  const retry = useRetryOnReconnect(useStore((s) => s.issueError !== null || s.eventError !== null));
  useEffect(() => { void openEvent(eventId); }, [eventId, openEvent, retry]);
  return <DetailLayout expectedIssueId={null} />;
}
