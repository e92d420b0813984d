import { useEffect, useRef, useState } from 'react';
import { hasServerFilter, matchesFilters } from '../../lib/issue-list-merge';
import type { IssueFilters } from '../../routing/route';
import { onIssueArrival } from './new-issue-arrivals';
import '../../components/sr-only.css';

/** A burst of new issues (an error loop, a deploy) is said once, after it settles a moment. */
const SETTLE_MS = 1500;
/** At most one announcement this often: a screen reader must not be talked over by the list. */
const MIN_GAP_MS = 10_000;

/** "1 new issue", "3 new issues". */
export function newIssuesText(count: number): string {
  return `${count.toLocaleString()} new issue${count === 1 ? '' : 's'}`;
}

/**
 * Says new issues of the shown list in a polite live region ("3 new issues"), counted from the
 * live stream and throttled, not once per message; mounted with the list only, and silent while
 * the page is hidden, so a list not on screen says nothing.
 * @see https://www.w3.org/WAI/WCAG22/Understanding/status-messages.html
 */
export function NewIssuesAnnouncer({ filters }: { filters: IssueFilters }) {
  const [text, setText] = useState('');
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    let pending = 0;
    let lastSaid = 0;
    let timer: number | null = null;
    let frame: number | null = null;
    const flush = (): void => {
      timer = null;
      const count = pending;
      pending = 0;
      if (count === 0 || document.hidden) return;
      lastSaid = Date.now();
      // Emptied first: the same words twice in a row are said twice.
      setText('');
      frame = window.requestAnimationFrame(() => setText(newIssuesText(count)));
    };
    const stop = onIssueArrival((change, issue) => {
      const f = filtersRef.current;
      // Under a tag search only the server can say whether it matches: the list offers it as new too.
      if (change !== 'created' || !(hasServerFilter(f) || matchesFilters(issue, f))) return;
      pending += 1;
      if (timer === null) timer = window.setTimeout(flush, Math.max(SETTLE_MS, lastSaid + MIN_GAP_MS - Date.now()));
    });
    return () => {
      stop();
      if (timer !== null) window.clearTimeout(timer);
      if (frame !== null) window.cancelAnimationFrame(frame);
    };
  }, []);

  return <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="new-issues-announcer">{text}</div>;
}
