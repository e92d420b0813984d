/**
 * Real keyboard focus in the issue list (WAI-ARIA grid, roving tabindex): the row the keyboard is
 * on is the element focused, so a screen reader says it, not only a CSS highlight.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/grid/
 */

/** The list's heading: focus goes there when the list has no row to give it. */
export const ISSUE_LIST_HEADING_ID = 'issues-heading';

/** The rendered row of an issue, or null while the virtualizer has not rendered it. */
export function issueRowElement(id: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="issue-row"][data-issue-id="${id}"]`);
}

/**
 * Focuses an issue's row, waiting a few frames for the virtualizer to render it when it was just
 * scrolled into view (`IssueList` scrolls to the focused issue).
 */
export function focusIssueRow(id: number, framesLeft = 10): void {
  const row = issueRowElement(id);
  if (row) row.focus({ preventScroll: true });
  else if (framesLeft > 0) window.requestAnimationFrame(() => focusIssueRow(id, framesLeft - 1));
}

/** Focuses the list's heading (`tabIndex={-1}`): focus must not fall to the page body. */
export function focusListHeading(): void {
  document.getElementById(ISSUE_LIST_HEADING_ID)?.focus();
}
