/** Server health and whether the live stream is connected. */
import type { Health } from '../../../shared/api-types';
import { api } from '../api/instance';
import type { SliceCreator } from './types';

export interface ConnectionSlice {
  health: Health | null;
  healthError: string | null;
  live: boolean;
  setLive: (live: boolean) => void;
  loadHealth: () => Promise<void>;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  health: null,
  healthError: null,
  live: false,
  setLive: (live) => set({ live }),
  loadHealth: async () => {
    try {
      set({ health: await api().health(), healthError: null });
    } catch (err) {
      set({ healthError: err instanceof Error ? err.message : String(err) });
    }
  },
});
