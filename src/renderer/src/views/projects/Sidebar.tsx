import type { EventSummary } from '../../../../shared/api-types';
import { DEFAULT_FILTERS, type Route } from '../../routing/route';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { useIssueAlerts } from '../../store/issue-alerts';
import '../../components/sr-only.css';
import './unseen-badge.css';
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

/** Navigation, the project list with DSNs, and the connection status. */
export function Sidebar({ route }: { route: Route }) {
  const projects = useStore((s) => s.projects);
  const shownEvent = useStore((s) => (route.name === 'event' && s.event?.eventId === route.eventId ? s.event : null));
  const section = route.name === 'event' ? eventSection(shownEvent) : route.name;
  const live = useStore((s) => s.live);
  const health = useStore((s) => s.health);
  const setShortcutsOpen = useStore((s) => s.setShortcutsOpen);
  const unseen = useIssueAlerts((s) => s.unseen.length);
  const activeProject = route.name === 'issues' ? route.filters.project : undefined;
  return (
    <nav className="sidebar" aria-label="Main">
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
      <ProjectList projects={projects} activeProject={activeProject} />
      <div className="sidebar-foot">
        <span className={`live-dot ${live ? 'on' : 'off'}`} data-testid="live-status" data-live={live ? 'true' : 'false'}
          role="img" aria-label={live ? 'Live' : 'Reconnecting…'} title={live ? 'Live' : 'Reconnecting…'} />
        <span>{live ? 'Live' : 'Reconnecting…'}</span>
        {health && <span className="muted">v{health.version} · :{health.port}</span>}
        <button type="button" className="link-btn shortcuts-btn" onClick={() => setShortcutsOpen(true)} title="Keyboard shortcuts (?)"
          data-testid="shortcuts-open">Shortcuts <kbd>?</kbd></button>
      </div>
    </nav>
  );
}
