/**
 * The Logs view's rows: filters (from the URL), cursor paging, and live updates. An SSE `item`
 * of kind `log` schedules a refetch of the newest page (coalesced), merged on top.
 */
import type { LogEntry } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { mergeNewestLogs } from '../lib/log-merge';
import type { LogFilters } from '../routing/route';
import type { SliceCreator } from './types';

export const LOG_PAGE_SIZE = 200;
const REFRESH_DELAY_MS = 300;

export interface LogsSlice {
  logFilters: LogFilters;
  logRows: LogEntry[];
  logCursor: string | null;
  logsLoaded: boolean;
  logsLoading: boolean;
  logsError: string | null;
  /** Ever-growing count of rows inserted above the top; the view compensates its scroll. */
  logTopInsertions: number;
  /** Whether the Logs view is open (only then do live items refetch). */
  logsActive: boolean;
  /** Counts the streamed `log` items, open view or not: the issue page's Logs section reads its trace's logs again. */
  logArrivals: number;
  setLogsActive: (active: boolean) => void;
  setLogFilters: (filters: LogFilters) => void;
  reloadLogs: () => Promise<void>;
  loadMoreLogs: () => Promise<void>;
  refreshNewestLogs: () => Promise<void>;
  scheduleLogsRefresh: () => void;
}

let requestToken = 0;
let loadedKey: string | null = null;
let refreshTimer: number | null = null;

function filtersKey(f: LogFilters): string {
  return JSON.stringify([f.project, f.level, f.query, f.trace]);
}

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get) => ({
  logFilters: {},
  logRows: [],
  logCursor: null,
  logsLoaded: false,
  logsLoading: false,
  logsError: null,
  logTopInsertions: 0,
  logsActive: false,
  logArrivals: 0,

  setLogsActive: (active) => set({ logsActive: active }),

  setLogFilters: (filters) => {
    const key = filtersKey(filters);
    if (key === loadedKey) return;
    loadedKey = key;
    set({ logFilters: filters, logRows: [], logCursor: null, logsLoaded: false });
    void get().reloadLogs();
  },

  reloadLogs: async () => {
    const token = ++requestToken;
    set({ logsLoading: true, logsError: null });
    try {
      const page = await api().logs({ ...get().logFilters, limit: LOG_PAGE_SIZE });
      if (token !== requestToken) return;
      set({ logRows: page.items, logCursor: page.nextCursor, logsLoaded: true, logsLoading: false });
    } catch (err) {
      if (token === requestToken) set({ logsLoading: false, logsLoaded: true, logsError: messageOf(err) });
    }
  },

  loadMoreLogs: async () => {
    const { logCursor, logsLoading, logFilters } = get();
    if (!logCursor || logsLoading) return;
    const token = ++requestToken;
    set({ logsLoading: true });
    try {
      const page = await api().logs({ ...logFilters, limit: LOG_PAGE_SIZE, before: logCursor });
      if (token !== requestToken) return;
      const known = new Set(get().logRows.map((l) => l.id));
      set((s) => ({ logRows: [...s.logRows, ...page.items.filter((l) => !known.has(l.id))], logCursor: page.nextCursor, logsLoading: false }));
    } catch (err) {
      if (token === requestToken) set({ logsLoading: false, logsError: messageOf(err) });
    }
  },

  refreshNewestLogs: async () => {
    if (!get().logsLoaded) return;
    const filters = get().logFilters;
    const key = filtersKey(filters);
    try {
      const page = await api().logs({ ...filters, limit: LOG_PAGE_SIZE });
      if (filtersKey(get().logFilters) !== key) return;
      const merged = mergeNewestLogs(get().logRows, page.items, page.nextCursor !== null);
      if (merged.rows === get().logRows) return;
      set((s) => ({
        logRows: merged.rows, logTopInsertions: s.logTopInsertions + merged.insertedAbove,
        ...(merged.replaced ? { logCursor: page.nextCursor } : {}),
      }));
    } catch {
      // The next live item or a reload tries again; the loaded rows stay.
    }
  },

  scheduleLogsRefresh: () => {
    set((s) => ({ logArrivals: s.logArrivals + 1 }));
    if (!get().logsActive || refreshTimer !== null) return;
    refreshTimer = window.setTimeout(() => {
      refreshTimer = null;
      void get().refreshNewestLogs();
    }, REFRESH_DELAY_MS);
  },
});
