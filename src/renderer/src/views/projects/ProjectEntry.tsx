import { useState } from 'react';
import type { Project } from '../../../../shared/api-types';
import { CopyButton } from '../../components/CopyButton';
import { PlatformBadge } from '../../components/PlatformBadge';
import { compactNumber, countOf } from '../../lib/format';
import { DEFAULT_FILTERS } from '../../routing/route';
import { hrefOf } from '../../routing/navigation';
import { ProjectNameInput } from './ProjectNameInput';

/**
 * One project in the sidebar: its name and platform, labelled counts, and its DSN. F2 on the
 * entry or a double-click on its name renames it in place (as in a file manager); Settings →
 * Projects does the same.
 */
export function ProjectEntry({ project: p, active, tabbable = true, onFocusEntry }: {
  project: Project; active: boolean;
  /** Whether Tab lands on this entry (the list is one Tab stop: `ProjectList`'s roving tabindex). */
  tabbable?: boolean;
  onFocusEntry?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <li className={active ? 'active' : ''} aria-current={active ? 'true' : undefined} data-testid="project-item" data-project-id={p.id}>
      {editing ? <ProjectNameInput project={p} onDone={() => setEditing(false)} /> : (
        <a href={hrefOf({ name: 'issues', filters: { ...DEFAULT_FILTERS, project: p.id } })} className="project-name"
          tabIndex={tabbable ? 0 : -1} onFocus={onFocusEntry}
          title={`${p.name} — F2 or double-click to rename`}
          onDoubleClick={(e) => { e.preventDefault(); setEditing(true); }}
          onKeyDown={(e) => { if (e.key === 'F2') { e.preventDefault(); setEditing(true); } }}>
          <span className="project-title">
            <span className="project-label" data-testid="project-name">{p.name}</span>
            <PlatformBadge platform={p.platform} />
          </span>
          {/* Labelled: "1 · 0" left the reader to guess which number was which. */}
          <span className="project-counts" data-testid="project-counts" title={`${countOf(p.issueCount, 'issue')}, ${countOf(p.eventCount, 'event')}`}>
            {compactNumber(p.issueCount)} {p.issueCount === 1 ? 'issue' : 'issues'} · {compactNumber(p.eventCount)} {p.eventCount === 1 ? 'event' : 'events'}
          </span>
        </a>
      )}
      <div className="project-dsn">
        <code className="mono" title={p.dsn} data-testid="project-dsn">{p.dsn}</code>
        <CopyButton text={p.dsn} name={`Copy DSN of ${p.name}`} testId="copy-dsn" tabIndex={-1} />
      </div>
    </li>
  );
}
