/** Projects for the sidebar; refreshed (throttled) when live items arrive. */
import type { Project } from '../../../shared/api-types';
import { api } from '../api/instance';
import type { SliceCreator } from './types';

export interface ProjectsSlice {
  projects: Project[];
  projectsLoaded: boolean;
  loadProjects: () => Promise<void>;
  /** Coalesces bursts of live items into one reload per second. */
  scheduleProjectsReload: () => void;
}

const RELOAD_DELAY_MS = 1000;
let reloadTimer: number | null = null;

export const createProjectsSlice: SliceCreator<ProjectsSlice> = (set, get) => ({
  projects: [],
  projectsLoaded: false,
  loadProjects: async () => {
    try {
      set({ projects: await api().projects(), projectsLoaded: true });
    } catch (err) {
      set({ projectsLoaded: true });
      get().toast('error', `Could not load projects: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
  scheduleProjectsReload: () => {
    if (reloadTimer !== null) return;
    reloadTimer = window.setTimeout(() => {
      reloadTimer = null;
      void get().loadProjects();
    }, RELOAD_DELAY_MS);
  },
});
