/** Server health and whether the live stream is connected. */
import type { Health } from '../../../shared/api-types';
import { api } from '../api/instance';
import type { SliceCreator } from './types';

export interface ConnectionSlice {
  health: Health | null;
  healthError: string | null;
  live: boolean;
  /** Times the live stream came back after a drop: views that load on their own re-read then. */
  reconnects: number;
  setLive: (live: boolean) => void;
  noteReconnect: () => void;
  loadHealth: () => Promise<void>;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  health: null,
  healthError: null,
  live: false,
  reconnects: 0,
  setLive: (live) => set({ live }),
  noteReconnect: () => set((s) => ({ reconnects: s.reconnects + 1 })),
  loadHealth: async () => {
    try {
      set({ health: await api().health(), healthError: null });
    } catch (err) {
      set({ healthError: err instanceof Error ? err.message : String(err) });
    }
  },
});
