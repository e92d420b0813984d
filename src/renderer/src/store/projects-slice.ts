/** Projects for the sidebar; refreshed (throttled) when live items arrive. */
import type { Project } from '../../../shared/api-types';
import { api } from '../api/instance';
import { liveThrottle, type LiveThrottle } from '../lib/live-throttle';
import type { SliceCreator } from './types';

export interface ProjectsSlice {
  projects: Project[];
  projectsLoaded: boolean;
  loadProjects: () => Promise<void>;
  /**
   * Reads the projects again soon: within a second after a change (an issue deleted or merged, an
   * item of a project not listed yet), at most every few seconds for an item of a known project
   * (its counts grew), and never two reads at once.
   */
  scheduleProjectsReload: (itemOfProject?: number) => void;
  /** A project as the server now has it (a rename, or a project new or named by ingest, heard on the stream). */
  applyProject: (project: Project) => void;
  /** Renames a project; resolves to the error to show, or null once renamed. */
  renameProject: (projectId: number, name: string) => Promise<string | null>;
}

/** How often a stream of items re-reads the counts: an error loop sent 9 reads in 15 s at ~1 s each. */
const COUNTS_GAP_MS = 5000;
/** How soon a change (a new project, a deletion) shows. */
const CHANGE_DELAY_MS = 1000;
let countsReload: LiveThrottle | null = null;
let changeTimer: number | null = null;

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
  // A project the stream tells of first (new, or named by its first events) joins the list at once, in id order.
  applyProject: (project) => set((s) => ({ projects: s.projects.some((p) => p.id === project.id)
    ? s.projects.map((p) => (p.id === project.id ? project : p)) : [...s.projects, project].sort((a, b) => a.id - b.id) })),
  renameProject: async (projectId, name) => {
    try {
      get().applyProject(await api().renameProject(projectId, name));
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  },
  scheduleProjectsReload: (itemOfProject) => {
    countsReload ??= liveThrottle(() => get().loadProjects(), COUNTS_GAP_MS);
    const known = itemOfProject !== undefined && get().projects.some((p) => p.id === itemOfProject);
    if (known) { countsReload.poke(); return; }
    // A change: shown within a second, through the same throttle so a read never overlaps another.
    if (changeTimer !== null) return;
    changeTimer = window.setTimeout(() => { changeTimer = null; countsReload?.now(); }, CHANGE_DELAY_MS);
  },
});
