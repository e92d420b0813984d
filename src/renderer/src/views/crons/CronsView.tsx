import { useEffect } from 'react';
import type { CronMonitor } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { useNow } from '../../components/use-now';
import { cronTiming, monitorStatus, scheduleText, sortMonitors } from '../../lib/cron-format';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { CheckInStrip, CronStatusBadge } from './CronStatus';
import { NextCheckInTime } from './NextCheckInTime';

/** "Missed" and "timed out" follow the clock, not new data: the list is read again this often. */
const CLOCK_REFRESH_MS = 30_000;

export const WITH_MONITOR_SNIPPET = "Sentry.withMonitor('nightly-report', () => job(), { schedule: { type: 'crontab', value: '0 3 * * *' } });";

function MonitorRow({ monitor, project, now }: { monitor: CronMonitor; project: string | null; now: number }) {
  const latest = monitor.recent[0];
  const href = hrefOf({ name: 'cron', project: monitor.projectId, slug: monitor.slug, ...(monitor.environment ? { environment: monitor.environment } : {}) });
  const schedule = scheduleText(monitor.config?.schedule ?? null);
  // The leading space keeps the link's name "slug environment · …", not "slugenvironment".
  const details = `${monitor.environment ?? 'no environment'}${project ? ` · ${project}` : ''}${schedule ? ` · ${schedule}` : ''}`;
  return (
    <li className="cron-row" data-testid="cron-row" data-slug={monitor.slug} data-environment={monitor.environment ?? ''}>
      <a className="cron-row-main" href={href}>
        <strong className="ellipsis" title={monitor.slug}>{monitor.slug || '(no slug)'}</strong>
        <span className="muted small ellipsis" title={details}>{` ${details}`}</span>
      </a>
      <CronStatusBadge status={monitorStatus(monitor, now)} />
      <span className="small cron-col-last"><RelativeTime ms={monitor.lastCheckInMs} testId="cron-row-last" /></span>
      <span className="small"><NextCheckInTime ms={cronTiming(monitor, now).nextMs} zone={monitor.config?.timezone ?? null} testId="cron-row-next" /></span>
      <span className="mono small cron-row-num" title="Duration of the last run" data-testid="cron-row-duration">{formatDuration(latest?.durationMs)}</span>
      <CheckInStrip runs={monitor.recent} />
    </li>
  );
}

/** `#/crons`: every monitor that checked in, with its recent runs; live. */
export function CronsView() {
  const monitors = useStore((s) => s.cronMonitors);
  const loaded = useStore((s) => s.cronsLoaded);
  const loading = useStore((s) => s.cronsLoading);
  const error = useStore((s) => s.cronsError);
  const load = useStore((s) => s.loadCrons);
  const setActive = useStore((s) => s.setCronsActive);
  const names = useProjectNames();
  const retry = useRetryOnReconnect(error !== null);
  // Date.now() as well as the shared tick: a render caused by new data judges with the current time.
  const now = Math.max(useNow(), Date.now());

  useEffect(() => { void load(); }, [load, retry]);
  useEffect(() => {
    setActive(true);
    const timer = window.setInterval(() => { void load(); }, CLOCK_REFRESH_MS);
    return () => { setActive(false); window.clearInterval(timer); };
  }, [setActive, load]);

  return (
    <div className="view crons-view" data-testid="crons-view">
      <header className="view-head">
        <h1>Crons</h1>
        <span className="muted small">{monitors.length.toLocaleString()} monitor{monitors.length === 1 ? '' : 's'}</span>
        {loading && <span className="spinner" aria-label="Loading" />}
      </header>
      {error && <div className="error-box" role="alert">Could not load monitors: {error}</div>}
      {loaded && monitors.length === 0 && !error && (
        <div className="empty" data-testid="crons-empty">
          <p>No check-in received yet. Wrap a scheduled job in <code className="mono">Sentry.withMonitor</code>; each run checks in
            when it starts and when it ends:</p>
          <pre className="cron-snippet mono">{WITH_MONITOR_SNIPPET}</pre>
        </div>
      )}
      {monitors.length > 0 && (
        <>
          <div className="cron-row cron-head" aria-hidden="true">
            <span>Monitor</span><span>Status</span><span className="cron-col-last">Last check-in</span><span>Next check-in</span><span className="cron-row-num">Last run</span><span>Recent runs (newest right)</span>
          </div>
          <ul className="cron-list" data-testid="cron-list">
            {sortMonitors(monitors, now).map((m) => (
              <MonitorRow key={`${m.projectId}/${m.slug}/${m.environment ?? ''}`} monitor={m} project={names.get(m.projectId) ?? null} now={now} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
