import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { ISSUE_ROW_HEIGHT, IssueRow } from './IssueRow';
import { onIssueGridKey } from './issue-grid-keys';
import { ISSUE_LIST_HEADING_ID } from './issue-row-focus';
import { useKeepRowFocus } from './use-keep-row-focus';
import './issue-grid.css';

/** Rows from the end at which the next page is requested. */
const PREFETCH_ROWS = 30;

/**
 * The virtualized rows. Only the visible rows (plus overscan) are in the DOM, so 100,000 loaded
 * issues scroll like 100. Rows inserted live at the top shift the scroll position by the same
 * height, so what the user is looking at does not move.
 * A WAI-ARIA grid: one Tab stop (the focused row, roving tabindex), rows focused for real by the
 * keys (issue-grid-keys.ts, routing/shortcuts.ts), `aria-selected` for the checked rows only, and
 * `aria-rowcount` the total the server counts, not the rows loaded so far.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/grid/
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
  const total = useStore((s) => s.total);
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

  const noteFocus = useKeepRowFocus();
  // The Tab stop is the focused row, else (scrolled out of the DOM) the first row rendered.
  const focusedShown = items.some((v) => rows[v.index]?.id === focusedId);
  const tabStopId = focusedShown ? focusedId : (rows[items[0]?.index ?? 0]?.id ?? null);

  return (
    <div className="issue-scroll" ref={scrollRef} data-testid="issue-list" role="grid" aria-labelledby={ISSUE_LIST_HEADING_ID}
      aria-rowcount={Math.max(total ?? 0, rows.length)} aria-multiselectable="true" onKeyDown={onIssueGridKey} onFocus={noteFocus}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const issue = rows[v.index];
          return (
            <div key={v.key} className="virtual-row" style={{ transform: `translateY(${v.start}px)`, height: ISSUE_ROW_HEIGHT }}>
              {issue ? (
                <IssueRow issue={issue} projectName={projectNames.get(issue.projectId) ?? null} rowIndex={v.index + 1}
                  tabStop={issue.id === tabStopId} selected={selected.has(issue.id)} focused={issue.id === focusedId}
                  onToggle={toggle} onFocus={setFocused} />
              ) : (
                <div className="issue-loader muted" role="row" aria-rowindex={v.index + 1}><span role="gridcell">Loading more issues…</span></div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
