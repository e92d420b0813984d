import { Toasts } from './components/Toasts';
import { BundleDropZone } from './components/BundleDropZone';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { useRoute } from './routing/navigation';
import { useShortcuts } from './routing/shortcuts';
import { useDesktopCommands } from './routing/use-desktop-commands';
import { useStore } from './store';
import { useLostConnection } from './store/use-lost-connection';
import { useUnseenIssues } from './store/use-unseen-issues';
import { useDocumentTitle } from './store/use-document-title';
import { EventView, IssueView } from './views/detail/IssueView';
import { IssuesView } from './views/issues/IssuesView';
import { SetupGuide } from './views/projects/SetupGuide';
import { Sidebar } from './views/projects/Sidebar';
import { ReplayView } from './replay/ReplayView';
import { ReplaysList } from './replay/ReplaysList';
import { SettingsView } from './views/settings/SettingsView';
import { StreamView } from './views/stream/StreamView';
import { LogsView } from './views/logs/LogsView';
import { CronsView } from './views/crons/CronsView';
import { MonitorView } from './views/crons/MonitorView';
import { TraceView } from './views/traces/TraceView';
import { TracesView } from './views/traces/TracesView';
import { ProfileView } from './views/profiles/ProfileView';
import { FeedbackView } from './views/feedback/FeedbackView';
import { StatsView } from './views/stats/StatsView';
import { ReleasesView } from './views/releases/ReleasesView';
import { ReleaseView } from './views/releases/ReleaseView';
import type { Route } from './routing/route';
import { MAIN_CONTENT_ID, SkipLink } from './components/SkipLink';
import { RouteAnnouncer } from './components/RouteAnnouncer';

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'issues': return <IssuesView filters={route.filters} />;
    case 'issue': return <IssueView issueId={route.issueId} eventId={route.eventId} />;
    case 'event': return <EventView eventId={route.eventId} />;
    case 'stream': return <StreamView kind={route.kind ?? 'all'} />;
    case 'settings': return <SettingsView />;
    case 'setup': return <div className="view"><SetupGuide /></div>;
    case 'replays': return <ReplaysList project={route.project} sort={route.sort} />;
    case 'replay': return <ReplayView key={route.replayId} replayId={route.replayId} t={route.t} />;
    case 'traces': return <TracesView project={route.project} query={route.query ?? ''} />;
    case 'trace': return <TraceView key={route.traceId} traceId={route.traceId} />;
    case 'profile': return <ProfileView key={`${route.source}/${route.id}`} source={route.source} id={route.id} />;
    case 'logs': return <LogsView filters={route.filters} />;
    case 'crons': return <CronsView />;
    case 'feedback': return <FeedbackView mailbox={route.mailbox} project={route.project} query={route.query} openId={route.id} />;
    case 'stats': return <StatsView hours={route.hours ?? 24} />;
    case 'releases': return <ReleasesView route={route} />;
    case 'release': return <ReleaseView key={`${route.project}/${route.version}`} route={route} />;
    case 'cron': return <MonitorView key={`${route.project}/${route.slug}/${route.environment ?? ''}`} project={route.project} slug={route.slug} environment={route.environment} />;
  }
}

/** Server problems (corrupt database moved aside, disk full, ...) the user must see. */
function Notices() {
  const health = useStore((s) => s.health);
  const healthError = useStore((s) => s.healthError);
  const lost = useLostConnection();
  const notices = health?.notices ?? [];
  if (!healthError && !lost && notices.length === 0) return null;
  return (
    <div className="notices" role="alert" data-testid="notices">
      {healthError && <div className="notice notice-error">Cannot reach the Lookout server: {healthError}</div>}
      {lost && !healthError && (
        <div className="notice notice-error" data-testid="connection-lost">
          Lost the connection to the Lookout server: nothing new shows, and your app's events are not received until it is back.
          Reconnecting…
        </div>
      )}
      {notices.map((n, i) => <div key={i} className="notice">{n}</div>)}
    </div>
  );
}

export function App() {
  const route = useRoute();
  useShortcuts(route);
  useUnseenIssues(route);
  useDesktopCommands();
  useDocumentTitle(route);
  return (
    <div className="app">
      <SkipLink />
      <Sidebar route={route} />
      {/* The one main landmark of every view (views put their own parts in sections, never another <main>). */}
      <main className="content" id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Notices />
        <RouteView route={route} />
      </main>
      <Toasts />
      <BundleDropZone />
      <ShortcutsHelp />
      <RouteAnnouncer route={route} />
    </div>
  );
}
