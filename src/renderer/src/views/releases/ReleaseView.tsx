import { displayVersion } from '../../../../shared/api-releases';
import { api } from '../../api/instance';
import { RelativeTime } from '../../components/RelativeTime';
import { compactNumber } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';
import type { ReleaseRoute } from '../../routing/release-route';
import { useProjectNames } from '../../store/use-project-names';
import { ReleaseIssueTabs } from './ReleaseIssueTabs';
import { SessionChart } from './SessionChart';
import { healthClass, OUTCOME_LABELS, percentText } from './release-format';
import { useLiveRead } from './use-live-read';
import './releases.css';

/**
 * A release's page, as Sentry's release details: its health (crash-free sessions and users,
 * adoption, sessions by how they ended, per hour) and its issues in tabs: new, unhandled, regressed,
 * resolved in it, and every issue with events in it. Live: read again as sessions and events arrive.
 * @see https://docs.sentry.io/product/releases/release-details/
 */
export function ReleaseView({ route }: { route: ReleaseRoute }) {
  const names = useProjectNames();
  const of = JSON.stringify([route.project, route.version, route.environment]);
  const { data, error, loadedOf } = useLiveRead(of, () => api().release(route.project, route.version, route.environment));
  const detail = loadedOf === of ? data : null;
  const r = detail?.release;
  return (
    <div className="view release-view">
      <header className="view-head">
        <div>
          <a href={hrefOf({ name: 'releases', ...(route.environment ? { environment: route.environment } : {}) })} className="small">← Releases</a>
          <h1 className="mono" data-testid="release-title">{displayVersion(route.version)}</h1>
          <div className="muted small">
            <span className="mono" data-testid="release-raw">{route.version}</span> · {names.get(route.project) ?? `project ${route.project}`}
            {r && r.environments.length > 0 && <> · {r.environments.join(', ')}</>}
            {route.environment && <> · showing {route.environment}</>}
          </div>
        </div>
      </header>
      {error && <div className="error-box" role="alert">Could not load the release: {error}</div>}
      {r && detail && (
        <>
          <section className="card">
            <dl className="release-facts">
              <div><dt>Crash-free sessions</dt><dd className={healthClass(r.crashFreeSessions)} data-testid="release-detail-crash-free-sessions">{percentText(r.crashFreeSessions)}</dd></div>
              <div><dt>Crash-free users</dt><dd className={healthClass(r.crashFreeUsers)} data-testid="release-detail-crash-free-users">{percentText(r.crashFreeUsers)}</dd></div>
              {r.anrUsers > 0 && <>
                <div><dt>ANR rate</dt><dd data-testid="release-detail-anr-rate" title={`${r.anrUsers} of ${r.users} users had an ANR`}>{percentText(r.anrRate)}</dd></div>
                <div><dt>Foreground ANR rate</dt><dd data-testid="release-detail-foreground-anr-rate">{percentText(r.foregroundAnrRate)}</dd></div>
              </>}
              <div><dt>Adoption (24 h)</dt><dd data-testid="release-detail-adoption">{percentText(r.adoption)}</dd></div>
              <div><dt>Sessions</dt><dd data-testid="release-detail-sessions">{compactNumber(r.sessions)}</dd></div>
              <div><dt>Users</dt><dd>{compactNumber(r.users)}</dd></div>
              <div><dt>Events</dt><dd data-testid="release-detail-events">{compactNumber(r.events)}</dd></div>
              <div><dt>First seen</dt><dd><RelativeTime ms={r.firstSeen} /></dd></div>
              <div><dt>Last seen</dt><dd><RelativeTime ms={r.lastSeen} /></dd></div>
            </dl>
            <p className="muted small" data-testid="release-outcomes">
              {Object.entries(OUTCOME_LABELS).map(([o, label]) => `${label} ${r.bySession[o as keyof typeof OUTCOME_LABELS]}`).join(' · ')}
            </p>
            <SessionChart hours={detail.hours} />
          </section>
          <ReleaseIssueTabs page={detail} />
        </>
      )}
    </div>
  );
}
