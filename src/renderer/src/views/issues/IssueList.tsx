import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { ISSUE_ROW_HEIGHT, IssueRow } from './IssueRow';
import { takeIssueToRefocus } from '../../routing/route-focus';

/** Rows from the end at which the next page is requested. */
const PREFETCH_ROWS = 30;

/**
 * The virtualized rows. Only the visible rows (plus overscan) are in the DOM, so 100,000 loaded
 * issues scroll like 100. Rows inserted live at the top shift the scroll position by the same
 * height, so what the user is looking at does not move.
 */
export function IssueList() {
  const rows = useStore((s) => s.rows);
  const selected = useStore((s) => s.selected);
  const focusedId = useStore((s) => s.focusedId);
  const nextCursor = useStore((s) => s.nextCursor);
  const topInsertions = useStore((s) => s.topInsertions);
  const toggle = useStore((s) => s.toggleSelected);
  const setFocused = useStore((s) => s.setFocused);
  const loadMore = useStore((s) => s.loadMoreIssues);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastInsertions = useRef(topInsertions);

  const projectNames = useProjectNames();
  const count = rows.length + (nextCursor ? 1 : 0);
  // A stable key function: a new one per render would make the virtualizer re-measure every row.
  const getItemKey = useCallback((i: number) => rows[i]?.id ?? 'loader', [rows]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ISSUE_ROW_HEIGHT,
    overscan: 8,
    getItemKey,
    initialOffset: () => useStore.getState().listScrollTop,
  });

  // Another sort, search or status shows its result from the top (not where the old one was scrolled to).
  const filters = useStore((s) => s.filters);
  const shownFilters = useRef(filters);
  useLayoutEffect(() => {
    if (shownFilters.current === filters) return;
    shownFilters.current = filters;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filters]);

  useLayoutEffect(() => {
    const added = topInsertions - lastInsertions.current;
    lastInsertions.current = topInsertions;
    const el = scrollRef.current;
    if (added > 0 && el && el.scrollTop > 0) el.scrollTop += added * ISSUE_ROW_HEIGHT;
  }, [topInsertions]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (nextCursor && lastIndex >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, rows.length, nextCursor, loadMore]);

  // Follow the keyboard focus when it moves, but not when rows are inserted above it.
  useEffect(() => {
    if (focusedId === null) return;
    const index = useStore.getState().rows.findIndex((r) => r.id === focusedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [focusedId, virtualizer]);

  useEffect(() => {
    const el = scrollRef.current;
    return () => { if (el) useStore.getState().setListScrollTop(el.scrollTop); };
  }, []);

  useRefocusReturnedRow(rows.length, virtualizer.scrollToIndex);

  return (
    <div className="issue-scroll" ref={scrollRef} data-testid="issue-list" role="grid" aria-rowcount={rows.length}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const issue = rows[v.index];
          return (
            <div key={v.key} className="virtual-row" style={{ transform: `translateY(${v.start}px)`, height: ISSUE_ROW_HEIGHT }}>
              {issue ? (
                <IssueRow issue={issue} projectName={projectNames.get(issue.projectId) ?? null}
                  selected={selected.has(issue.id)} focused={issue.id === focusedId} onToggle={toggle} onFocus={setFocused} />
              ) : (
                <div className="issue-loader muted">Loading more issues…</div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Back from an issue's page (Back, Esc, the sidebar) puts focus on that issue's row link, as it was
 * left, so `j`/`k` and Tab go on from there; a list without the issue (resolved meanwhile) keeps
 * focus at the top.
 */
function useRefocusReturnedRow(rowCount: number, scrollToIndex: (index: number, options: { align: 'auto' }) => void) {
  const returning = useRef<number | null>(takeIssueToRefocus());
  useEffect(() => {
    const id = returning.current;
    if (id === null || rowCount === 0) return;
    returning.current = null;
    const index = useStore.getState().rows.findIndex((r) => r.id === id);
    if (index < 0) return;
    useStore.getState().setFocused(id);
    scrollToIndex(index, { align: 'auto' });
    // The virtualizer renders the row on its next frame when it was scrolled out of view.
    const focusRow = (framesLeft: number) => {
      const link = document.querySelector<HTMLElement>(`[data-testid="issue-row"][data-issue-id="${id}"] a.issue-main`);
      if (link) link.focus();
      else if (framesLeft > 0) window.requestAnimationFrame(() => focusRow(framesLeft - 1));
    };
    focusRow(10);
  }, [rowCount, scrollToIndex]);
}
