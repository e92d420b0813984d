import { useLayoutEffect, useRef, type FocusEvent } from 'react';
import { useStore } from '../../store';
import { focusIssueRow, focusListHeading } from './issue-row-focus';

/**
 * Keeps keyboard focus in the issue list when the row that had it leaves the list (resolved or
 * ignored with `r`/`e`, merged, deleted, or changed in another window): focus goes to the row that
 * took its place (the store moves `focusedId` to the next row, else the previous), else the list's
 * heading, never to the page body, where the next Tab would start over.
 * @see https://www.w3.org/WAI/WCAG22/Understanding/focus-order.html
 */
export function useKeepRowFocus(): (e: FocusEvent<HTMLElement>) => void {
  const rows = useStore((s) => s.rows);
  const focusedId = useStore((s) => s.focusedId);
  const lastFocused = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const last = lastFocused.current;
    const active = document.activeElement;
    if (!last || last.isConnected || (active !== null && active !== document.body)) return;
    lastFocused.current = null;
    if (focusedId !== null) focusIssueRow(focusedId);
    else focusListHeading();
  }, [rows, focusedId]);
  return (e) => { if (e.target instanceof HTMLElement) lastFocused.current = e.target; };
}
