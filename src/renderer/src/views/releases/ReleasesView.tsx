import { useRef, useState } from 'react';
import type { ReleaseSummary } from '../../../../shared/api-releases';
import { displayVersion } from '../../../../shared/api-releases';
import { api } from '../../api/instance';
import { RelativeTime } from '../../components/RelativeTime';
import { messageOf } from '../../lib/errors';
import { compactNumber } from '../../lib/format';
import { hrefOf, navigate } from '../../routing/navigation';
import type { ReleaseListRoute } from '../../routing/release-route';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { healthClass, percentText } from './release-format';
import { useLiveRead } from './use-live-read';
import { mergePages } from './release-pages';
import { useSideOverflow } from './use-side-overflow';
import './releases.css';

/** Releases a page: the list reads this many at a time, "Load more" the next as many. */
export const RELEASES_PAGE = 50;

function ReleaseRow({ r, projectName, environment }: { r: ReleaseSummary; projectName: string | undefined; environment?: string }) {
  const href = hrefOf({ name: 'release', project: r.projectId, version: r.version, ...(environment ? { environment } : {}) });
  return (
    <tr data-testid="release-row" data-version={r.version}>
      <td>
        <a href={href} className="mono" data-testid="release-link">{displayVersion(r.version)}</a>
        <span className="release-raw mono" title="The release as the SDK sent it">{r.version}</span>
      </td>
      <td>{projectName ?? `#${r.projectId}`}</td>
      <td className="num" data-testid="release-adoption">{percentText(r.adoption)}</td>
      <td className={`num ${healthClass(r.crashFreeSessions)}`} data-testid="release-crash-free-sessions">{percentText(r.crashFreeSessions)}</td>
      <td className={`num ${healthClass(r.crashFreeUsers)}`} data-testid="release-crash-free-users">{percentText(r.crashFreeUsers)}</td>
      <td className="num" data-testid="release-sessions">{compactNumber(r.sessions)}</td>
      <td className="num" data-testid="release-events">{compactNumber(r.events)}</td>
      <td className="num" data-testid="release-new-issues">{compactNumber(r.newIssues)}</td>
      <td className="num">{compactNumber(r.regressions)}</td>
      <td>{r.environments.join(', ') || '—'}</td>
      <td className="nowrap"><RelativeTime ms={r.firstSeen} /></td>
      <td className="nowrap"><RelativeTime ms={r.lastSeen} /></td>
    </tr>
  );
}

/** What to do when nothing has named a release yet: Sentry's `release` option, and sessions. */
function NoReleases() {
  return (
    <div className="empty" data-testid="releases-empty">
      <p>No release yet. Name the version your app runs in <code>Sentry.init</code>, as <code>package@version</code>:</p>
      <pre className="mono">{"Sentry.init({ dsn: 'http://lookout@127.0.0.1:8969/1', release: 'my-app@1.2.3' })"}</pre>
      <p className="muted small">
        Every event then carries it, and the SDKs send sessions for release health (crash-free sessions and users, adoption):
        the browser SDK a session per page load, <code>@sentry/node</code> one per process or request, the mobile SDKs one per app
        launch. Python: <code>sentry_sdk.init(release=&quot;my-app@1.2.3&quot;)</code>.
      </p>
    </div>
  );
}

/**
 * Sentry's Releases page: each release a project's events or sessions named, last seen first, with
 * its adoption, crash-free sessions and users, sessions, events, new issues and regressions.
 * @see https://docs.sentry.io/product/releases/
 */
export function ReleasesView({ route }: { route: ReleaseListRoute }) {
  const projects = useStore((s) => s.projects);
  const names = useProjectNames();
  const [text, setText] = useState(route.query ?? '');
  const of = JSON.stringify([route.project, route.environment, route.query]);
  const scope = { project: route.project, environment: route.environment, query: route.query };
  // The first page is live; pages loaded with "Load more" stay, each after the last row shown.
  const { data, error } = useLiveRead(of, () => api().releases({ ...scope, limit: RELEASES_PAGE }));
  const [later, setLater] = useState<{ of: string; releases: ReleaseSummary[]; nextCursor: string | null; loading: boolean; error: string | null } | null>(null);
  const extra = later?.of === of ? later : null;
  const shown = data ? mergePages(data.releases, extra?.releases ?? []) : [];
  const cursor = extra ? extra.nextCursor : data?.nextCursor ?? null;
  const loadMore = () => {
    if (!cursor) return;
    setLater({ of, releases: extra?.releases ?? [], nextCursor: cursor, loading: true, error: null });
    api().releases({ ...scope, limit: RELEASES_PAGE, cursor }).then(
      (page) => setLater((prev) => (prev?.of === of ? { of, releases: [...prev.releases, ...page.releases], nextCursor: page.nextCursor, loading: false, error: null } : prev)),
      (err: unknown) => setLater((prev) => (prev?.of === of ? { ...prev, loading: false, error: messageOf(err) } : prev)));
  };
  const go = (change: Partial<ReleaseListRoute>) => navigate({ ...route, ...change }, { replace: true });
  const scroller = useRef<HTMLDivElement>(null);
  const side = useSideOverflow(scroller, shown.length);
  const filtered = route.project !== undefined || route.environment !== undefined || route.query !== undefined;
  return (
    <div className="view releases-view">
      <header className="view-head">
        <h1>Releases</h1>
        <select aria-label="Project" value={route.project ?? ''} data-testid="releases-project"
          onChange={(e) => go({ project: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <select aria-label="Environment" value={route.environment ?? ''} data-testid="releases-environment"
          onChange={(e) => go({ environment: e.target.value || undefined })}>
          <option value="">All environments</option>
          {(data?.environments ?? []).map((env) => <option key={env} value={env}>{env}</option>)}
        </select>
        <form role="search" onSubmit={(e) => { e.preventDefault(); go({ query: text.trim() || undefined }); }}>
          <input type="search" placeholder="Search versions" aria-label="Search versions" value={text} data-testid="releases-search"
            onChange={(e) => setText(e.target.value)} />
        </form>
      </header>
      {error && <div className="error-box" role="alert">Could not load releases: {error}</div>}
      {data && data.releases.length === 0 && (filtered ? <div className="empty" data-testid="releases-none"><p>No release matches.</p></div> : <NoReleases />)}
      {data && data.releases.length > 0 && (
        <section className="card releases-card">
          {/* Every column stays: a narrow window scrolls the table sideways, and says so while columns are out of sight. */}
          {side.overflowing && !side.atEnd && (
            <p className="releases-scroll-hint muted small" data-testid="releases-scroll-hint">More columns to the right: scroll the table sideways →</p>
          )}
          <div className="releases-scroll" ref={scroller} tabIndex={0} role="region" aria-label="Releases table" data-testid="releases-scroll"
            data-overflowing={side.overflowing} data-at-end={side.atEnd}>
            <table className="cron-table releases-table" data-testid="releases-table">
              <thead>
                <tr>
                  <th>Release</th><th>Project</th><th className="num" title="Share of the project's sessions of the last 24 hours">Adoption</th>
                  <th className="num">Crash-free sessions</th><th className="num">Crash-free users</th><th className="num">Sessions</th>
                  <th className="num">Events</th><th className="num">New issues</th><th className="num">Regressions</th><th>Environments</th>
                  <th>First seen</th><th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => <ReleaseRow key={`${r.projectId}/${r.version}`} r={r} projectName={names.get(r.projectId)} environment={route.environment} />)}
              </tbody>
            </table>
          </div>
          {extra?.error && <div className="error-box" role="alert">Could not load more releases: {extra.error}</div>}
          {cursor && (
            <div className="releases-more">
              <button type="button" className="btn" onClick={loadMore} disabled={extra?.loading === true} data-testid="releases-load-more">
                {extra?.loading ? 'Loading…' : 'Load more'}
              </button>
              <span className="muted small" data-testid="releases-shown">{shown.length.toLocaleString()} shown</span>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
