import { useEffect } from 'react';
import { useNow } from '../../components/use-now';
import { sortOverview } from '../../lib/cron-rollup';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { MonitorGroup } from './MonitorGroup';

/** "Missed" and "timed out" follow the clock, not new data: the list is read again this often. */
const CLOCK_REFRESH_MS = 30_000;

export const WITH_MONITOR_SNIPPET = "Sentry.withMonitor('nightly-report', () => job(), { schedule: { type: 'crontab', value: '0 3 * * *' } });";

/** `#/crons`: every monitor that checked in, each with its environments and their recent check-ins; live. */
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
            <span>Monitor</span><span>Status</span><span className="cron-col-last">Last check-in</span><span>Next check-in</span><span className="cron-row-num">Last run</span><span>Recent check-ins (newest right)</span>
          </div>
          <ul className="cron-list" data-testid="cron-list">
            {sortOverview(monitors, now).map((r) => (
              <MonitorGroup key={`${r.monitor.projectId}/${r.monitor.slug}`} rolled={r} project={names.get(r.monitor.projectId) ?? null} now={now} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
