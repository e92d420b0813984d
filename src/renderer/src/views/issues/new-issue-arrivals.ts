/**
 * New issues as the live stream reports them, for the issue list's screen-reader announcement
 * (`NewIssuesAnnouncer`). Fed by the app's one SSE subscription (store/live.ts); heard only while
 * a list is shown, so nothing is said for a list that is not on screen.
 */
import type { IssueSummary } from '../../../../shared/api-types';
import type { IssueChange } from '../../../../shared/notification-policy';

type Listener = (change: IssueChange, issue: IssueSummary) => void;

const listeners = new Set<Listener>();

/** Called for every live `issue` message. */
export function noteIssueArrival(change: IssueChange, issue: IssueSummary): void {
  for (const listener of listeners) listener(change, issue);
}

/** Listens to live issue messages; returns the function that stops listening. */
export function onIssueArrival(listener: Listener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
