/**
 * The issue list's own keys, as the WAI-ARIA grid pattern has them, while focus is in the list:
 * ↑/↓ the previous / next row, Home/End the first / last loaded row, Space checks the focused
 * row (as Sentry's `x`), → / ← walk from the row to its checkbox and title link and back.
 * `j`/`k`, `x`, `o`/Enter, `r`, `e` and `m` work from anywhere in the list view (routing/shortcuts.ts).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/grid/#keyboardinteraction-forlayoutgrids
 */
import type { KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { focusIssueRow } from './issue-row-focus';

/** Moves the list's focus by `delta` rows (or to the first / last loaded row) and focuses that row. */
export function moveIssueFocus(delta: number | 'first' | 'last'): void {
  const s = useStore.getState();
  if (delta === 'first' || delta === 'last') {
    const row = delta === 'first' ? s.rows[0] : s.rows[s.rows.length - 1];
    if (!row) return;
    s.setFocused(row.id);
    if (delta === 'last' && s.nextCursor) void s.loadMoreIssues();
  } else {
    s.moveFocus(delta);
  }
  const id = useStore.getState().focusedId;
  if (id !== null) focusIssueRow(id);
}

/** Checks or unchecks the focused row (Sentry's `x`); false when no row has the focus. */
export function toggleFocusedIssue(): boolean {
  const s = useStore.getState();
  if (s.focusedId === null) return false;
  s.toggleSelected(s.focusedId);
  return true;
}

/** The row's controls in order: the row itself, its checkbox, its title link. */
function stopsOf(row: HTMLElement): HTMLElement[] {
  return [row, ...row.querySelectorAll<HTMLElement>('[data-testid="issue-checkbox"], a.issue-main')];
}

function moveWithinRow(target: HTMLElement, step: 1 | -1): boolean {
  const row = target.closest<HTMLElement>('[data-testid="issue-row"]');
  if (!row) return false;
  const stops = stopsOf(row);
  const next = stops[stops.indexOf(target) + step];
  if (!next) return false;
  next.focus();
  return true;
}

/** The grid's `onKeyDown`: handles its keys and stops the page's shortcuts from taking them again. */
export function onIssueGridKey(e: KeyboardEvent<HTMLElement>): void {
  if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (!target) return;
  let handled = true;
  switch (e.key) {
    case 'ArrowDown': moveIssueFocus(1); break;
    case 'ArrowUp': moveIssueFocus(-1); break;
    case 'Home': moveIssueFocus('first'); break;
    case 'End': moveIssueFocus('last'); break;
    case 'ArrowRight': handled = moveWithinRow(target, 1); break;
    case 'ArrowLeft': handled = moveWithinRow(target, -1); break;
    // On the checkbox itself Space is the browser's own toggle.
    case ' ': handled = target.dataset.testid === 'issue-row' && toggleFocusedIssue(); break;
    default: handled = false;
  }
  if (handled) e.preventDefault();
}
