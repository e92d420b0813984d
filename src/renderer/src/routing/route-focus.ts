/**
 * Where keyboard focus goes when the hash route changes, as GitHub and Sentry move it: to the new
 * page's heading (focusable with `tabIndex={-1}`), so the next Tab reaches the page's own controls
 * instead of starting over from the sidebar; and back to the list row a page was opened from.
 * A polite live region says which page opened, for screen readers (a hash change is silent).
 * @see https://www.w3.org/WAI/WCAG22/Understanding/focus-order.html
 */

export const ROUTE_ANNOUNCER_ID = 'route-announcer';

/** The issue whose page was shown last: the issue list focuses its row when it is shown again. */
let shownIssueId: number | null = null;

/** The issue whose title got focus last: the header mounting again (a reload of the event) must not take focus back. */
let headingIssueId: number | null = null;

export function noteIssuePageShown(issueId: number): void {
  shownIssueId = issueId;
}

/**
 * Whether an issue's title takes focus as its header mounts: always for another issue; for the same
 * one only when focus was lost (on the page body, as after a click on a link that then went away).
 */
export function claimHeadingFocus(issueId: number): boolean {
  const active = document.activeElement;
  const lost = active === null || active === document.body;
  if (headingIssueId === issueId && !lost) return false;
  headingIssueId = issueId;
  return true;
}

/** The issue to give focus back to, once: a later visit to the list starts at its top. */
export function takeIssueToRefocus(): number | null {
  const id = shownIssueId;
  shownIssueId = null;
  return id;
}

/** Says `text` through the live region; cleared first so the same page opened twice is said twice. */
export function announcePage(text: string): void {
  const region = document.getElementById(ROUTE_ANNOUNCER_ID);
  if (!region) return;
  region.textContent = '';
  window.requestAnimationFrame(() => { region.textContent = text; });
}
