/**
 * The Crons list and a live version number: a `check_in` item bumps it (coalesced), so the list
 * and an open monitor page refetch. Runs are paired and judged on the server.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import type { CronMonitorOverview } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import type { SliceCreator } from './types';

const REFRESH_DELAY_MS = 500;

export interface CronsSlice {
  /** One per monitor (slug), each with its environments. */
  cronMonitors: CronMonitorOverview[];
  cronsLoaded: boolean;
  cronsLoading: boolean;
  cronsError: string | null;
  /** Bumped after check-ins arrived live; an open monitor page refetches on change. */
  cronsVersion: number;
  /** Whether the Crons list is open (only then does live data refetch it). */
  cronsActive: boolean;
  setCronsActive: (active: boolean) => void;
  loadCrons: () => Promise<void>;
  scheduleCronsRefresh: () => void;
}

let requestToken = 0;
let refreshTimer: number | null = null;

export const createCronsSlice: SliceCreator<CronsSlice> = (set, get) => ({
  cronMonitors: [],
  cronsLoaded: false,
  cronsLoading: false,
  cronsError: null,
  cronsVersion: 0,
  cronsActive: false,
  setCronsActive: (active) => set({ cronsActive: active }),

  loadCrons: async () => {
    const token = ++requestToken;
    set({ cronsLoading: true, cronsError: null });
    try {
      const monitors = await api().crons();
      if (token === requestToken) set({ cronMonitors: monitors, cronsLoaded: true, cronsLoading: false });
    } catch (err) {
      if (token === requestToken) set({ cronsLoading: false, cronsLoaded: true, cronsError: messageOf(err) });
    }
  },

  scheduleCronsRefresh: () => {
    if (refreshTimer !== null) return;
    refreshTimer = window.setTimeout(() => {
      refreshTimer = null;
      set((s) => ({ cronsVersion: s.cronsVersion + 1 }));
      if (get().cronsActive) void get().loadCrons();
    }, REFRESH_DELAY_MS);
  },
});
