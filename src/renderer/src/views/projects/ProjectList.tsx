import { useRef, useState, type KeyboardEvent } from 'react';
import type { Project } from '../../../../shared/api-types';
import { ProjectEntry } from './ProjectEntry';

/**
 * The sidebar's projects as one Tab stop (a roving tabindex): ↑/↓ (and Home/End) move between projects,
 * → reaches the focused project's Copy DSN button and ← comes back, so Tab leaves the list at once
 * instead of stepping through every project's link and button.
 * @see https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/#kbd_roving_tabindex
 */
export function ProjectList({ projects, activeProject }: { projects: readonly Project[]; activeProject: number | undefined }) {
  const list = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState<number | null>(null);
  // The entry Tab lands on: the one last moved to, else the project the list is filtered by, else the first.
  const tabbable = projects.some((p) => p.id === current) ? current : projects.some((p) => p.id === activeProject) ? activeProject : projects[0]?.id;

  function focusEntry(index: number): void {
    const project = projects[index];
    if (!project) return;
    setCurrent(project.id);
    list.current?.querySelector<HTMLElement>(`[data-project-id="${project.id}"] .project-name`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>): void {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[data-project-id]');
    const index = projects.findIndex((p) => String(p.id) === item?.dataset.projectId);
    if (index < 0) return;
    const onCopy = (e.target as HTMLElement).matches('.copy-btn');
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusEntry(Math.min(index + 1, projects.length - 1)),
      ArrowUp: () => focusEntry(Math.max(index - 1, 0)),
      Home: () => focusEntry(0),
      End: () => focusEntry(projects.length - 1),
      ArrowRight: () => { if (!onCopy) item?.querySelector<HTMLElement>('.copy-btn')?.focus(); },
      ArrowLeft: () => { if (onCopy) focusEntry(index); },
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
  }

  return (
    <ul className="project-list" data-testid="project-list" ref={list} onKeyDown={onKeyDown}
      aria-label="Projects (arrow keys move between them; → reaches Copy DSN)">
      {projects.length === 0 && <li className="muted small">No project yet</li>}
      {projects.map((p) => (
        <ProjectEntry key={p.id} project={p} active={activeProject === p.id} tabbable={tabbable === p.id} onFocusEntry={() => setCurrent(p.id)} />
      ))}
    </ul>
  );
}
