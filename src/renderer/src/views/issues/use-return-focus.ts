import { useEffect, useRef } from 'react';
import { takeIssueToRefocus } from '../../routing/route-focus';
import { useStore } from '../../store';
import { focusIssueRow, focusListHeading } from './issue-row-focus';

/**
 * Back on the list from an issue's page (Back, Esc, the sidebar), focus goes to that issue's row;
 * when the issue left the list meanwhile (`r` or `e` on its page), to the row that took its place
 * (the next, else the previous: the store moved `focusedId` there), else to the list's heading.
 * The last row leaving the list (the list shows its empty state) also gives focus to the heading.
 */
export function useReturnFocus(): void {
  const returning = useRef<number | null | undefined>(undefined);
  if (returning.current === undefined) returning.current = takeIssueToRefocus();
  const rows = useStore((s) => s.rows);
  const loading = useStore((s) => s.listLoading);

  useEffect(() => {
    const id = returning.current;
    if (id === null || id === undefined || (loading && rows.length === 0)) return;
    returning.current = null;
    const s = useStore.getState();
    const listed = (issueId: number | null): issueId is number => issueId !== null && s.rows.some((r) => r.id === issueId);
    const target = listed(id) ? id : listed(s.focusedId) ? s.focusedId : null;
    if (target === null) { focusListHeading(); return; }
    if (target !== s.focusedId) s.setFocused(target);
    focusIssueRow(target);
  }, [rows, loading]);

  const empty = rows.length === 0;
  const wasEmpty = useRef(empty);
  useEffect(() => {
    const emptied = empty && !wasEmpty.current;
    wasEmpty.current = empty;
    if (emptied && (document.activeElement === null || document.activeElement === document.body)) focusListHeading();
  }, [empty]);
}
