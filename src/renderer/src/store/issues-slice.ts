/**
 * The issue list: filters (mirrored from the URL), loaded rows with cursor paging, selection,
 * keyboard focus, and live updates from SSE `issue` messages.
 */
import type { BulkIssueChange, IssueSummary, StreamMessage } from '../../../shared/api-types';
import type { MatchingIssues, StatusChange } from '../api/client';
import { api } from '../api/instance';
import { mapLimited } from '../lib/concurrency';
import { messageOf } from '../lib/errors';
import { countOf } from '../lib/format';
import { inStatusTab, mergeIssueMessage } from '../lib/issue-list-merge';
import { DEFAULT_FILTERS, type IssueFilters } from '../routing/route';
import { toastWithUndo } from './status-undo';
import type { SliceCreator } from './types';

export const ISSUE_PAGE_SIZE = 200;

export interface IssuesSlice {
  filters: IssueFilters;
  rows: IssueSummary[];
  nextCursor: string | null;
  total: number | null;
  /** The server's notes on the search (keys it cannot answer). */
  searchNotes: string[];
  listLoading: boolean;
  listError: string | null;
  /** Ever-growing count of rows inserted above the top; the view compensates its scroll. */
  topInsertions: number;
  pendingNew: number;
  selected: ReadonlySet<number>;
  /** Sentry's "Select all N issues that match this search": bulk actions go to every issue the filters match, not only `selected`. */
  allMatching: boolean;
  focusedId: number | null;
  listScrollTop: number;
  setFilters: (filters: IssueFilters) => void;
  reloadIssues: () => Promise<void>;
  loadMoreIssues: () => Promise<void>;
  applyIssueMessage: (message: Extract<StreamMessage, { type: 'issue' }>) => void;
  toggleSelected: (id: number) => void;
  setAllSelected: (on: boolean) => void;
  /** Selects every issue the search matches (after the page was selected). */
  selectAllMatching: () => void;
  /** Sets the status of every issue the search matches, on the server. */
  changeMatchingStatus: (change: StatusChange) => Promise<void>;
  /** Deletes every issue the search matches, `count` being the number the user confirmed; true when the server did. */
  deleteMatching: (count: number) => Promise<boolean>;
  setFocused: (id: number | null) => void;
  moveFocus: (delta: number) => void;
  setListScrollTop: (top: number) => void;
  changeIssuesStatus: (ids: readonly number[], change: StatusChange) => Promise<void>;
  /** Deletes issues with their events; true when the server did. */
  deleteIssues: (ids: readonly number[]) => Promise<boolean>;
  /** Issues that are gone (deleted here or in another window) leave the list. */
  dropIssues: (ids: readonly number[]) => void;
  /** Merges the issues (Sentry's Merge); answers the issue they joined, or null when it failed (said in a toast). */
  mergeIssues: (ids: readonly number[]) => Promise<number | null>;
  /** Issues merged into `parent` (here or in another window) leave the list; their stream rows still link (to `parent`). */
  mergedAway: (children: readonly number[], parent: number) => void;
  replaceIssue: (issue: IssueSummary) => void;
}

/**
 * The list without `ids`: the total shrinks by the rows that were loaded, the selection loses
 * them, and focus moves to the row that took a removed focused row's place.
 */
function withoutRows(s: IssuesSlice, ids: readonly number[]): Partial<IssuesSlice> {
  const gone = new Set(ids);
  const rows = s.rows.filter((r) => !gone.has(r.id));
  if (rows.length === s.rows.length && ![...s.selected].some((id) => gone.has(id))) return {};
  const index = s.focusedId === null ? -1 : s.rows.findIndex((r) => r.id === s.focusedId);
  const focusedId = s.focusedId !== null && gone.has(s.focusedId) ? (rows[Math.min(index, rows.length - 1)]?.id ?? null) : s.focusedId;
  return {
    rows, focusedId, selected: new Set([...s.selected].filter((id) => !gone.has(id))),
    total: s.total !== null ? Math.max(0, s.total - (s.rows.length - rows.length)) : null,
  };
}

/** How a toast says a status change. */
function statusVerb(change: StatusChange): string {
  return change.status === 'unresolved' ? 'Unresolved' : change.status === 'ignored' ? 'Ignored'
    : change.status === 'resolved_next_release' ? 'Resolved in the next release:' : 'Resolved';
}

/** The filters of the list that select its issues, for a bulk action by query. */
function matchingOf(f: IssueFilters): MatchingIssues {
  return { project: f.project, status: f.status, level: f.level, environment: f.environment, release: f.release, query: f.query };
}

let requestToken = 0;
/** Filters of the last list request; the same filters again keep the (live-updated) rows. */
let loadedKey: string | null = null;

function filtersKey(f: IssueFilters): string {
  return JSON.stringify([f.project, f.status, f.level, f.environment, f.release, f.query, f.sort, f.trend]);
}

export const createIssuesSlice: SliceCreator<IssuesSlice> = (set, get) => ({
  filters: DEFAULT_FILTERS,
  rows: [],
  nextCursor: null,
  total: null,
  searchNotes: [],
  listLoading: false,
  listError: null,
  topInsertions: 0,
  pendingNew: 0,
  selected: new Set(),
  allMatching: false,
  focusedId: null,
  listScrollTop: 0,

  setFilters: (filters) => {
    const key = filtersKey(filters);
    if (key === loadedKey) return;
    loadedKey = key;
    // A new query starts at its first row, as Sentry's list does.
    set({ filters, listScrollTop: 0, focusedId: null, allMatching: false });
    void get().reloadIssues();
  },

  reloadIssues: async () => {
    const token = ++requestToken;
    const { filters } = get();
    set({ listLoading: true, listError: null });
    try {
      const page = await api().issues({ ...filters, status: filters.status, limit: ISSUE_PAGE_SIZE });
      if (token !== requestToken) return;
      const ids = new Set(page.items.map((i) => i.id));
      set((s) => ({
        rows: page.items, nextCursor: page.nextCursor, total: page.total ?? null, listLoading: false, pendingNew: 0,
        searchNotes: Array.isArray(page.notes) ? page.notes : [],
        selected: new Set([...s.selected].filter((id) => ids.has(id))),
        focusedId: s.focusedId !== null && ids.has(s.focusedId) ? s.focusedId : (page.items[0]?.id ?? null),
      }));
    } catch (err) {
      if (token === requestToken) set({ listLoading: false, listError: messageOf(err) });
    }
  },

  loadMoreIssues: async () => {
    const { nextCursor, listLoading, filters } = get();
    if (!nextCursor || listLoading) return;
    const token = requestToken;
    set({ listLoading: true });
    try {
      const page = await api().issues({ ...filters, limit: ISSUE_PAGE_SIZE, cursor: nextCursor });
      if (token !== requestToken) return;
      set((s) => {
        const known = new Set(s.rows.map((r) => r.id));
        const fresh = page.items.filter((i) => !known.has(i.id));
        return { rows: [...s.rows, ...fresh], nextCursor: page.nextCursor, listLoading: false };
      });
    } catch (err) {
      if (token === requestToken) set({ listLoading: false, listError: messageOf(err) });
    }
  },

  applyIssueMessage: (message) => {
    const s = get();
    const out = mergeIssueMessage(s.rows, message, s.filters);
    if (out.rows === s.rows && out.pendingNew === 0) return;
    if (out.rows.length < s.rows.length) { set(withoutRows(s, [message.issue.id])); return; }
    set({
      rows: out.rows,
      topInsertions: s.topInsertions + out.addedOnTop,
      pendingNew: s.pendingNew + out.pendingNew,
      total: s.total !== null ? s.total + (out.newToList ?? 0) : null,
      focusedId: s.focusedId ?? out.rows[0]?.id ?? null,
    });
  },

  toggleSelected: (id) => set((s) => {
    const next = new Set(s.selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    return { selected: next, allMatching: false };
  }),
  setAllSelected: (on) => set((s) => ({ selected: on ? new Set(s.rows.map((r) => r.id)) : new Set(), allMatching: false })),
  selectAllMatching: () => set((s) => ({ selected: new Set(s.rows.map((r) => r.id)), allMatching: true })),

  changeMatchingStatus: async (change) => {
    try {
      const { updated, previous } = await api().updateMatchingIssues(matchingOf(get().filters), change);
      toastWithUndo(get, `${statusVerb(change)} ${countOf(updated, 'issue')}`, previous);
    } catch (err) {
      get().toast('error', `Could not update the issues: ${messageOf(err)}`);
    }
    set({ selected: new Set(), allMatching: false });
    await get().reloadIssues();
  },

  deleteMatching: async (count) => {
    try {
      const deleted = await api().deleteMatchingIssues(matchingOf(get().filters), count);
      get().toast('success', `Deleted ${countOf(deleted.issues, 'issue')} and ${countOf(deleted.events, 'event')}`);
      set({ selected: new Set(), allMatching: false });
      await get().reloadIssues();
      get().scheduleProjectsReload();
      return true;
    } catch (err) {
      get().toast('error', `Could not delete: ${messageOf(err)}`);
      return false;
    }
  },
  setFocused: (id) => set({ focusedId: id }),
  moveFocus: (delta) => {
    const { rows, focusedId, nextCursor } = get();
    if (rows.length === 0) return;
    const current = focusedId === null ? -1 : rows.findIndex((r) => r.id === focusedId);
    const index = Math.max(0, Math.min(rows.length - 1, current + delta));
    set({ focusedId: rows[index]?.id ?? null });
    if (nextCursor && index >= rows.length - 10) void get().loadMoreIssues();
  },
  setListScrollTop: (top) => set({ listScrollTop: top }),

  changeIssuesStatus: async (ids, change) => {
    // One bulk call (`PUT /issues?id=…`), which answers each changed issue's state before: the toast's Undo.
    let answer: BulkIssueChange;
    try {
      answer = await api().updateIssues(ids, change);
    } catch (err) {
      get().toast('error', `Could not update ${countOf(ids.length, 'issue')}: ${messageOf(err)}`);
      return;
    }
    const results = await mapLimited(ids, 6, (id) => api().issue(id));
    for (const r of results) if (r.status === 'fulfilled') get().replaceIssue(r.value);
    // Those no longer of the list's status leave it (focus goes to the next row), as in Sentry.
    const status = get().filters.status;
    const left = results.flatMap((r) => (r.status === 'fulfilled' && !inStatusTab(r.value.status, status) ? [r.value.id] : []));
    set((s) => ({ ...withoutRows(s, left), selected: new Set() }));
    toastWithUndo(get, `${statusVerb(change)} ${countOf(answer.updated, 'issue')}`, answer.previous);
  },

  deleteIssues: async (ids) => {
    try {
      const deleted = await api().deleteIssues(ids);
      get().dropIssues(ids);
      const events = `${deleted.events.toLocaleString()} event${deleted.events === 1 ? '' : 's'}`;
      get().toast('success', `Deleted ${deleted.issues} issue${deleted.issues === 1 ? '' : 's'} and ${events}`);
      return true;
    } catch (err) {
      get().toast('error', `Could not delete: ${messageOf(err)}`);
      return false;
    }
  },

  dropIssues: (ids) => {
    set((s) => withoutRows(s, ids));
    get().forgetDetailIssues(ids);
    get().dropStreamEntriesOf(ids);
    // The sidebar's per-project issue and event counts.
    get().scheduleProjectsReload();
  },

  mergeIssues: async (ids) => {
    try {
      const merged = await api().mergeIssues(ids);
      get().mergedAway(merged.children, merged.parent);
      get().toast('success', `Merged ${merged.children.length + 1} issues into #${merged.parent} (${countOf(merged.events, 'event')} moved)`);
      return merged.parent;
    } catch (err) {
      get().toast('error', `Could not merge: ${messageOf(err)}`);
      return null;
    }
  },

  mergedAway: (children, parent) => {
    set((s) => withoutRows(s, children));
    get().noteIssuesMerged(children, parent);
    get().scheduleProjectsReload();
  },

  replaceIssue: (issue) => {
    set((s) => ({ rows: s.rows.map((r) => (r.id === issue.id ? { ...r, ...issue } : r)) }));
    get().mergeDetailIssue(issue);
  },
});
