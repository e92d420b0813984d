import { PlatformBadge } from '../../components/PlatformBadge';
import { DEFAULT_FILTERS } from '../../routing/route';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

/**
 * A project's name and platform, linking to its issues: as Sentry's issue page names its project
 * above the title. Read from the store's projects, so a rename shows at once.
 */
export function ProjectLink({ projectId }: { projectId: number }) {
  const project = useStore((s) => s.projects.find((p) => p.id === projectId));
  return (
    <a className="project-link" href={hrefOf({ name: 'issues', filters: { ...DEFAULT_FILTERS, project: projectId } })} data-testid="issue-project">
      <span data-testid="issue-project-name">{project?.name ?? `project-${projectId}`}</span>
      <PlatformBadge platform={project?.platform ?? null} />
    </a>
  );
}
