/**
 * The web UI's unseen issues: ids of issues that were new or regressed since the user last looked at
 * the Issues list (or at that issue), as the desktop app's unread count (shared/notification-policy.ts)
 * but kept in localStorage, so a reload keeps it and every tab of the browser reads one list.
 * Pure: the store (store/issue-alerts.ts) reads and writes the storage.
 * @see https://docs.sentry.io/product/issues/states-triage/ (new and regressed issues)
 */

/** Beyond this many the oldest are forgotten: the count says "many", not an exact thousand. */
export const MAX_UNSEEN = 999;

/** Reads the stored list; anything that is not a list of issue ids reads as empty. */
export function parseUnseen(raw: string | null): number[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const ids = value.filter((id): id is number => Number.isSafeInteger(id) && (id as number) > 0);
    return [...new Set(ids)].slice(-MAX_UNSEEN);
  } catch {
    return [];
  }
}

/** The list with `id` added last (a regression of an issue already unseen is still one issue). */
export function addUnseen(ids: readonly number[], id: number): number[] {
  const next = ids.filter((known) => known !== id);
  next.push(id);
  return next.slice(-MAX_UNSEEN);
}

/** The list once the user looked: at the Issues list (`'all'`) or at one issue. */
export function markSeen(ids: readonly number[], seen: 'all' | number): number[] {
  return seen === 'all' ? [] : ids.filter((id) => id !== seen);
}

/** The page title with the unseen count in front, as mail and chat pages do: `(3) Lookout`. */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count >= MAX_UNSEEN ? `${MAX_UNSEEN}+` : count}) ${base}` : base;
}

/** What a page shows that counts as seeing issues: the Issues list sees them all, an issue's page that issue. */
export function seenOnPage(route: { name: string; issueId?: number }): 'all' | number | null {
  if (route.name === 'issues') return 'all';
  if (route.name === 'issue' && route.issueId !== undefined) return route.issueId;
  return null;
}
