import { useEffect, useId, useState } from 'react';
import '../../components/sr-only.css';
import type { Project } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

/** One project's source folders (`projects.settings`), saved on their own. */
function ProjectRoots({ project, onSaved }: { project: Project; onSaved: (projectId: number) => void }) {
  const toast = useStore((s) => s.toast);
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(() => {
    let live = true;
    api().projectSettings(project.id)
      .then((s) => { if (live) { const t = s.sourceRoots.join('\n'); setText(t); setSaved(t); } })
      .catch((err: unknown) => { if (live) setError(messageOf(err)); });
    return () => { live = false; };
  }, [project.id]);

  const save = async (): Promise<void> => {
    try {
      const s = await api().saveProjectSettings(project.id, { sourceRoots: lines(text ?? '') });
      const t = s.sourceRoots.join('\n');
      const changed = t !== saved;
      setText(t);
      setSaved(t);
      toast('success', `Source folders of ${project.name} saved`);
      if (changed && s.sourceRoots.length > 0) onSaved(project.id);
    } catch (err) {
      toast('error', `Could not save source folders: ${messageOf(err)}`);
    }
  };

  if (error) return <p className="muted small">{project.name}: {error}</p>;
  if (text === null) return null;
  return (
    <div className="field" data-testid={`project-roots-${project.id}`}>
      {/* Named "Source folders of NAME (project N)": the visible name alone did not say what the box holds. */}
      <label className="field-label" htmlFor={inputId}><span className="sr-only">Source folders of </span>{project.name} <span className="muted small">(project {project.id})</span></label>
      <textarea id={inputId} rows={2} className="mono" placeholder="/path/to/this/project" value={text} onChange={(e) => setText(e.target.value)}
        data-testid={`project-roots-input-${project.id}`} />
      <span className="field-static">
        <button type="button" className="btn" disabled={text === saved} onClick={() => void save()} data-testid={`project-roots-save-${project.id}`}>Save</button>
      </span>
    </div>
  );
}

/** Per-project source folders, searched in addition to the global ones and those detected from frames. */
export function ProjectSourceRoots({ onSaved }: { onSaved: (projectId: number) => void }) {
  const projects = useStore((s) => s.projects);
  const load = useStore((s) => s.loadProjects);
  useEffect(() => { void load(); }, [load]);
  return (
    <section className="card" data-testid="project-source-roots">
      <h2>Project source folders</h2>
      <p className="field-hint">
        Folders searched for one project&apos;s files and source maps, besides the folders above, <code className="mono">--source-root</code>,
        and the project folders Lookout detects from in-app frames that exist on this machine. One absolute path per line.
      </p>
      {projects.length === 0 ? <p className="muted small">No project has sent events yet.</p> : projects.map((p) => <ProjectRoots key={p.id} project={p} onSaved={onSaved} />)}
    </section>
  );
}
