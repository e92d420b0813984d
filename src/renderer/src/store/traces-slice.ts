/**
 * The Traces list (cursor paging, newest activity first) and a live version number: span,
 * transaction and error items bump it (coalesced), so the list and an open trace refetch.
 */
import type { TraceSummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import type { SliceCreator } from './types';

export const TRACE_PAGE_SIZE = 100;
const REFRESH_DELAY_MS = 800;

export interface TracesSlice {
  traceProject: number | undefined;
  /** The list's search: root span name or op, or a trace id prefix. */
  traceQuery: string;
  traceRows: TraceSummary[];
  traceCursor: string | null;
  tracesLoaded: boolean;
  tracesLoading: boolean;
  tracesError: string | null;
  /** Bumped after trace data arrived live; views showing traces refetch on change. */
  tracesVersion: number;
  /** Whether the Traces list is open (only then does live data refetch it). */
  tracesActive: boolean;
  setTracesActive: (active: boolean) => void;
  loadTraces: (project: number | undefined, query?: string) => Promise<void>;
  loadMoreTraces: () => Promise<void>;
  refreshNewestTraces: () => Promise<void>;
  scheduleTracesRefresh: () => void;
}

let requestToken = 0;
let refreshTimer: number | null = null;

export const createTracesSlice: SliceCreator<TracesSlice> = (set, get) => ({
  traceProject: undefined,
  traceQuery: '',
  traceRows: [],
  traceCursor: null,
  tracesLoaded: false,
  tracesLoading: false,
  tracesError: null,
  tracesVersion: 0,
  tracesActive: false,
  setTracesActive: (active) => set({ tracesActive: active }),

  loadTraces: async (project, query = '') => {
    const token = ++requestToken;
    if (project !== get().traceProject || query !== get().traceQuery) set({ traceRows: [], traceCursor: null, tracesLoaded: false });
    set({ traceProject: project, traceQuery: query, tracesLoading: true, tracesError: null });
    try {
      const page = await api().traces({ project, query, limit: TRACE_PAGE_SIZE });
      if (token !== requestToken) return;
      set({ traceRows: page.items, traceCursor: page.nextCursor, tracesLoaded: true, tracesLoading: false });
    } catch (err) {
      if (token === requestToken) set({ tracesLoading: false, tracesLoaded: true, tracesError: messageOf(err) });
    }
  },

  loadMoreTraces: async () => {
    const { traceCursor, tracesLoading, traceProject, traceQuery } = get();
    if (!traceCursor || tracesLoading) return;
    const token = ++requestToken;
    set({ tracesLoading: true });
    try {
      const page = await api().traces({ project: traceProject, query: traceQuery, limit: TRACE_PAGE_SIZE, before: traceCursor });
      if (token !== requestToken) return;
      const known = new Set(get().traceRows.map((t) => t.traceId));
      set((s) => ({ traceRows: [...s.traceRows, ...page.items.filter((t) => !known.has(t.traceId))], traceCursor: page.nextCursor, tracesLoading: false }));
    } catch (err) {
      if (token === requestToken) set({ tracesLoading: false, tracesError: messageOf(err) });
    }
  },

  /** The newest page replaces the rows it names (a trace with new spans moves to the top). */
  refreshNewestTraces: async () => {
    if (!get().tracesLoaded || !get().tracesActive) return;
    const { traceProject: project, traceQuery: query } = get();
    try {
      const page = await api().traces({ project, query, limit: TRACE_PAGE_SIZE });
      if (get().traceProject !== project || get().traceQuery !== query) return;
      const fresh = new Set(page.items.map((t) => t.traceId));
      set((s) => ({ traceRows: [...page.items, ...s.traceRows.filter((t) => !fresh.has(t.traceId))] }));
    } catch {
      // Kept as loaded; the next live item tries again.
    }
  },

  scheduleTracesRefresh: () => {
    if (refreshTimer !== null) return;
    refreshTimer = window.setTimeout(() => {
      refreshTimer = null;
      set((s) => ({ tracesVersion: s.tracesVersion + 1 }));
      void get().refreshNewestTraces();
    }, REFRESH_DELAY_MS);
  },
});
