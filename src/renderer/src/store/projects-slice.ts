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
  /** A project as the server now has it (a rename heard on the stream). */
  applyProject: (project: Project) => void;
  /** Renames a project; resolves to the error to show, or null once renamed. */
  renameProject: (projectId: number, name: string) => Promise<string | null>;
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
  applyProject: (project) => set((s) => ({ projects: s.projects.map((p) => (p.id === project.id ? project : p)) })),
  renameProject: async (projectId, name) => {
    try {
      get().applyProject(await api().renameProject(projectId, name));
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
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
