/** Merging a freshly fetched newest page of logs into the loaded rows (live updates). */
import type { LogEntry } from '../../../shared/api-types';

/** Newest first, as the API orders them: by time, then by arrival. */
export function compareLogs(a: LogEntry, b: LogEntry): number {
  return b.timestamp - a.timestamp || b.id - a.id;
}

export interface LogMerge {
  rows: LogEntry[];
  /** Rows that landed above the previously first row (the view keeps its scroll position by them). */
  insertedAbove: number;
  /** The page did not reach the loaded rows: they were dropped and paging restarts from the page. */
  replaced: boolean;
}

/**
 * Puts the rows of `page` (the newest page for the same filters) in place among `loaded`. When
 * the page is full and shares no row with what is loaded, there may be a gap between them, so
 * the page replaces the loaded rows.
 */
export function mergeNewestLogs(loaded: readonly LogEntry[], page: readonly LogEntry[], pageIsFull: boolean, cap = 50_000): LogMerge {
  const known = new Set(loaded.map((l) => l.id));
  const fresh = page.filter((l) => !known.has(l.id));
  if (fresh.length === 0) return { rows: loaded as LogEntry[], insertedAbove: 0, replaced: false };
  // Nothing loaded yet, or a full page with a possible gap: the page starts the list again.
  if (loaded.length === 0 || (pageIsFull && fresh.length === page.length)) return { rows: [...page], insertedAbove: 0, replaced: true };
  const first = loaded[0];
  const insertedAbove = first ? fresh.filter((l) => compareLogs(l, first) < 0).length : 0;
  const rows = [...fresh, ...loaded].sort(compareLogs);
  return { rows: rows.length > cap ? rows.slice(0, cap) : rows, insertedAbove, replaced: false };
}
