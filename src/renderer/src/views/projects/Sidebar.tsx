import { useEffect, useState } from 'react';
import type { EventSummary } from '../../../../shared/api-types';
import { DEFAULT_FILTERS, type Route } from '../../routing/route';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { useIssueAlerts } from '../../store/issue-alerts';
import '../../components/sr-only.css';
import './unseen-badge.css';
import './sidebar-rail.css';
import { ProjectList } from './ProjectList';

const NAV: { label: string; route: Route; match: Route['name'][]; key: string }[] = [
  { label: 'Issues', route: { name: 'issues', filters: DEFAULT_FILTERS }, match: ['issues', 'issue'], key: 'issues' },
  { label: 'Releases', route: { name: 'releases' }, match: ['releases', 'release'], key: 'releases' },
  { label: 'Traces', route: { name: 'traces' }, match: ['traces', 'trace', 'profile'], key: 'traces' },
  { label: 'Logs', route: { name: 'logs', filters: {} }, match: ['logs'], key: 'logs' },
  { label: 'Crons', route: { name: 'crons' }, match: ['crons', 'cron'], key: 'crons' },
  { label: 'Replays', route: { name: 'replays' }, match: ['replays', 'replay'], key: 'replays' },
  { label: 'Feedback', route: { name: 'feedback' }, match: ['feedback'], key: 'feedback' },
  { label: 'Stream', route: { name: 'stream' }, match: ['stream'], key: 'stream' },
  { label: 'Stats', route: { name: 'stats' }, match: ['stats'], key: 'stats' },
  { label: 'Setup', route: { name: 'setup' }, match: ['setup'], key: 'setup' },
  { label: 'Settings', route: { name: 'settings' }, match: ['settings'], key: 'settings' },
];

/**
 * The section an event page (`#/events/ID`) belongs to: an error in an issue is under Issues, a
 * transaction under Traces; user feedback and an error outside any issue are reached from the Stream.
 */
function eventSection(event: Pick<EventSummary, 'issueId' | 'kind'> | null): Route['name'] {
  if (!event) return 'issue';
  if (event.issueId !== null) return 'issue';
  return event.kind === 'transaction' ? 'trace' : 'stream';
}

const PROJECTS_TOGGLE_ID = 'sidebar-projects-toggle';
const PROJECTS_PANEL_ID = 'sidebar-projects-panel';

/**
 * Navigation, the project list with DSNs, and the connection status. Under 900 px it is a rail: the
 * projects (switching, Copy DSN, rename) move into a menu its "Projects" button opens, and Live and the
 * shortcuts stay in its foot.
 */
export function Sidebar({ route }: { route: Route }) {
  const projects = useStore((s) => s.projects);
  const shownEvent = useStore((s) => (route.name === 'event' && s.event?.eventId === route.eventId ? s.event : null));
  const section = route.name === 'event' ? eventSection(shownEvent) : route.name;
  const live = useStore((s) => s.live);
  const health = useStore((s) => s.health);
  const setShortcutsOpen = useStore((s) => s.setShortcutsOpen);
  const unseen = useIssueAlerts((s) => s.unseen.length);
  const activeProject = route.name === 'issues' ? route.filters.project : undefined;
  // In the narrow rail (sidebar-rail.css) the projects open as a menu beside it; any route change closes it.
  const [projectsOpen, setProjectsOpen] = useState(false);
  useEffect(() => setProjectsOpen(false), [route]);
  return (
    <nav className={`sidebar${projectsOpen ? ' projects-open' : ''}`} aria-label="Main"
      onKeyDown={(e) => { if (e.key === 'Escape' && projectsOpen) { e.stopPropagation(); setProjectsOpen(false); document.getElementById(PROJECTS_TOGGLE_ID)?.focus(); } }}>
      <div className="brand"><span className="brand-mark" aria-hidden="true">◉</span> Lookout</div>
      <ul className="nav-list">
        {NAV.map((n) => (
          <li key={n.key}>
            <a href={hrefOf(n.route)} className={n.match.includes(section) ? 'active' : ''} aria-current={n.match.includes(section) ? 'page' : undefined}
              data-testid={`nav-${n.key}`}>
              {n.label}
              {n.key === 'issues' && unseen > 0 && (
                <span className="nav-unseen" data-testid="nav-issues-unseen" title={`${unseen} new or regressed issues since you last looked`}>
                  {unseen}<span className="sr-only"> unseen</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-section-title">Projects</div>
      <button type="button" className="projects-toggle" id={PROJECTS_TOGGLE_ID} aria-expanded={projectsOpen} aria-controls={PROJECTS_PANEL_ID}
        onClick={() => setProjectsOpen(!projectsOpen)} data-testid="projects-toggle">Projects</button>
      <div className="projects-panel" id={PROJECTS_PANEL_ID}>
        <ProjectList projects={projects} activeProject={activeProject} />
      </div>
      <div className="sidebar-foot">
        <span className={`live-dot ${live ? 'on' : 'off'}`} data-testid="live-status" data-live={live ? 'true' : 'false'}
          role="img" aria-label={live ? 'Live' : 'Reconnecting…'} title={live ? 'Live' : 'Reconnecting…'} />
        <span className="live-text" data-testid="live-text">{live ? 'Live' : 'Reconnecting…'}</span>
        {health && <span className="muted sidebar-version">v{health.version} · :{health.port}</span>}
        <button type="button" className="link-btn shortcuts-btn" onClick={() => setShortcutsOpen(true)} title="Keyboard shortcuts (?)"
          data-testid="shortcuts-open"><span className="shortcuts-label">Shortcuts </span><kbd>?</kbd></button>
      </div>
    </nav>
  );
}
