import { useMemo } from 'react';
import { useStore } from './index';

/** Project id → name, for the lists that label rows by project (rebuilt only when the projects change). */
export function useProjectNames(): ReadonlyMap<number, string> {
  const projects = useStore((s) => s.projects);
  return useMemo(() => new Map(projects.map((p) => [p.id, p.name])), [projects]);
}
