import { symbolicateEvent } from '../symbolicate/symbolicate-event';
import { rootsForProject, withDetectedRoots, type RootsSnapshot } from '../symbolicate/project-roots';
import type { Symbolicator } from './prepare-event';

/**
 * Symbolication as ingest runs it: the configured roots of the event's project plus the ones its
 * frames reveal, with file-existence answers reused for up to a second (the same paths repeat
 * in every event of an error loop), and the fetch settings of the same snapshot.
 */
export function ingestSymbolicator(roots: () => RootsSnapshot): Symbolicator {
  return async (event, projectId) => {
    const snapshot = roots();
    return symbolicateEvent(event, {
      sourceRoots: withDetectedRoots(rootsForProject(snapshot, projectId ?? null), event, true),
      reuseProbes: true,
      scrape: snapshot.fetching,
    });
  };
}
