import { useState } from 'react';
import type { Project, ProjectNameSource } from '../../../../shared/api-types';
import { PlatformBadge } from '../../components/PlatformBadge';
import { useStore } from '../../store';
import { ProjectNameInput } from '../projects/ProjectNameInput';
import { DeleteProject } from './DeleteProject';

/** Where a name came from, said under it: a made-up name invites renaming. */
const SOURCE_HINT: Record<ProjectNameSource, string> = {
  placeholder: 'No event has named it yet.',
  platform: 'Named after its platform; a release like name@1.0.0 would name it after its package.',
  release: 'Named after the package in its release (name@version).',
  user: 'Named here.',
};

function ProjectNameRow({ project }: { project: Project }) {
  const [editing, setEditing] = useState(false);
  return (
    <div className="field project-name-row" data-testid={`project-name-row-${project.id}`}>
      <span className="field-label">Project {project.id}</span>
      <span className="field-static">
        {editing ? <ProjectNameInput project={project} onDone={() => setEditing(false)} className="project-rename-settings" /> : (
          <>
            <strong data-testid="project-name">{project.name}</strong>
            <PlatformBadge platform={project.platform} />
            <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="project-rename-start">Rename</button>
            <DeleteProject project={project} />
          </>
        )}
      </span>
      <span className="field-hint">{SOURCE_HINT[project.nameFrom] ?? ''}</span>
    </div>
  );
}

/**
 * Settings → Projects: each project's name (Sentry's project name/slug) and platform, renamed here
 * or from the sidebar (F2), and deleted here with everything stored for it.
 */
export function ProjectNames() {
  const projects = useStore((s) => s.projects);
  return (
    <section className="card" data-testid="project-names">
      <h2>Projects</h2>
      <p className="field-hint">
        A project is made for each DSN project id on its first event and named from what its events say: the package of
        a <code className="mono">name@version</code> release, else the platform. Names are unique.
      </p>
      {projects.length === 0 ? <p className="muted small">No project has sent events yet.</p> : projects.map((p) => <ProjectNameRow key={p.id} project={p} />)}
    </section>
  );
}
