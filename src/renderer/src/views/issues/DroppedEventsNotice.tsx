import { useState } from 'react';
import { useNow } from '../../components/use-now';
import { dropNotice } from '../../lib/outcome-text';
import { projectMenuValue } from '../../lib/project-menu';
import { useStore } from '../../store';
import { hrefOf } from '../../routing/navigation';
import { useOutcomeStats } from '../stats/use-outcome-stats';

/** When the notice was dismissed: the newest drop it showed then (epoch ms); a later drop shows it again. */
const DISMISSED_KEY = 'lookout.droppedNotice.dismissedAt';

function readDismissed(): number {
  try { return Number(window.localStorage.getItem(DISMISSED_KEY)) || 0; } catch { return 0; }
}

function saveDismissed(ms: number): void {
  try { window.localStorage.setItem(DISMISSED_KEY, String(ms)); } catch { /* private mode: dismissed for this page only */ }
}

/**
 * Above the issue list: what the SDK said it dropped in the last 24 hours (client reports), so
 * events that never arrived are not mistaken for events that never happened. Losses the app asked
 * for (sampling, `beforeSend`, Dedupe) are left to the Stats view. It follows the list's project;
 * over all projects each line names the apps that dropped.
 */
export function DroppedEventsNotice({ project, query }: { project?: number; query?: string }) {
  const projects = useStore((s) => s.projects);
  // The list's project, from the Project menu or a `project:` token: a project that dropped nothing shows no notice.
  const menu = projectMenuValue(query, project, projects);
  const { stats } = useOutcomeStats(24, typeof menu === 'number' ? menu : project, 'losses');
  const [dismissedAt, setDismissedAt] = useState(readDismissed);
  const now = useNow();
  const nameOf = (id: number): string => projects.find((p) => p.id === id)?.name ?? `project ${id}`;
  const notice = stats ? dropNotice(stats, Math.max(now, stats.until), dismissedAt, nameOf) : null;
  if (!notice) return null;
  const dismiss = () => { saveDismissed(notice.newestMs); setDismissedAt(notice.newestMs); };
  const shown = notice.lines.slice(0, 3);
  return (
    <div className="notice dropped-notice" role="status" data-testid="dropped-notice">
      <ul className="dropped-lines">
        {shown.map((line) => (
          <li key={`${line.outcome}/${line.category}/${line.reason}`} data-testid="dropped-line" data-projects={line.projects.join(',')}>
            <strong>{line.text}</strong> <span className="dropped-advice">{line.advice}</span>
          </li>
        ))}
      </ul>
      <div className="dropped-actions">
        {notice.lines.length > shown.length && <span className="muted small">{notice.lines.length - shown.length} more reasons. </span>}
        <a href={hrefOf({ name: 'stats' })} data-testid="dropped-stats-link">See Stats</a>
        <button type="button" className="link-btn" onClick={dismiss} data-testid="dropped-dismiss">Dismiss</button>
      </div>
    </div>
  );
}
