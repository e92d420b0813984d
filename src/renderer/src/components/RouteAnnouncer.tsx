import { useEffect } from 'react';
import type { Route } from '../routing/route';
import { announcePage, ROUTE_ANNOUNCER_ID } from '../routing/route-focus';
import './sr-only.css';

/** What each view is called when it opens; an issue's page says its own title (IssueHeader). */
const VIEW_NAMES: Partial<Record<Route['name'], string>> = {
  issues: 'Issues', stream: 'Stream', settings: 'Settings', setup: 'Setup', replays: 'Replays', replay: 'Replay',
  traces: 'Traces', trace: 'Trace', profile: 'Profile', logs: 'Logs', crons: 'Crons', cron: 'Cron monitor',
  feedback: 'User feedback', stats: 'Stats', releases: 'Releases', release: 'Release',
};

/**
 * The visually hidden live region that says which page a route change opened (a hash route changes
 * nothing a screen reader notices by itself).
 * @see https://www.w3.org/WAI/WCAG22/Techniques/aria/ARIA22
 */
export function RouteAnnouncer({ route }: { route: Route }) {
  const name = VIEW_NAMES[route.name];
  useEffect(() => { if (name) announcePage(`${name} page`); }, [name]);
  return <div id={ROUTE_ANNOUNCER_ID} className="sr-only" aria-live="polite" aria-atomic="true" data-testid="route-announcer" />;
}
