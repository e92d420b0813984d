import { useRef, useState } from 'react';
import type { Project } from '../../../../shared/api-types';
import { useStore } from '../../store';

/**
 * A project's name being edited: Enter (or leaving the box) renames it, Esc gives up. A refused
 * name (taken, empty) stays in the box with the reason under it.
 */
export function ProjectNameInput({ project, onDone, className = '' }: { project: Project; onDone: () => void; className?: string }) {
  const rename = useStore((s) => s.renameProject);
  const [value, setValue] = useState(project.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Esc (or a save under way) ends the edit: the blur that follows when the box goes must not save it.
  const ended = useRef(false);

  const save = async (): Promise<void> => {
    if (saving || ended.current) return;
    if (value.trim() === project.name) { ended.current = true; onDone(); return; }
    setSaving(true);
    const refused = await rename(project.id, value);
    setSaving(false);
    if (refused) { setError(refused); return; }
    ended.current = true;
    onDone();
  };

  return (
    <div className={`project-rename ${className}`.trim()}>
      <input type="text" value={value} autoFocus maxLength={200} aria-label={`Name of project ${project.id}`} data-testid="project-rename"
        aria-invalid={error !== null} onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => { setValue(e.target.value); setError(null); }}
        onKeyDown={(e) => {
          // Kept here: the list's own keys (j/k, Enter) must not act on what is typed.
          e.stopPropagation();
          if (e.key === 'Enter') { e.preventDefault(); void save(); }
          if (e.key === 'Escape') { e.preventDefault(); ended.current = true; onDone(); }
        }}
        onBlur={() => { if (error === null) void save(); }} />
      {error && <span className="project-rename-error small" role="alert" data-testid="project-rename-error">{error}</span>}
    </div>
  );
}
