import { useCallback, useEffect, useState } from 'react';
import type { CronMonitorDetail, CronRun, CronRunError } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { configRows, cronTiming, monitorStatus, zonedTimes } from '../../lib/cron-format';
import { timelineMarks } from '../../lib/cron-rollup';
import { messageOf } from '../../lib/errors';
import { absoluteTime } from '../../lib/format';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { CheckInStrip, CronStatusBadge } from './CronStatus';
import { MonitorEnvironments } from './MonitorEnvironments';

const PAGE = 50;
const ERRORS_PER_RUN = 3;
/** "Missed" follows the clock, not new data: the page judges it again this often. */
const CLOCK_TICK_MS = 15_000;

/** When the schedule expects the next check-in, in the viewer's time and the monitor's zone. */
function NextCheckIn({ ms, zone }: { ms: number; zone: string | null }) {
  const t = zonedTimes(ms, zone);
  return (
    <p className="muted small" data-testid="cron-next">
      Next check-in expected <time dateTime={new Date(ms).toISOString()}>{t.local}</time>
      {t.inZone && <> ({t.inZone})</>}
    </p>
  );
}

/** The run's newest errors; `total` counts them all (the server names only the newest few). */
function ErrorLinks({ errors, total }: { errors: CronRunError[]; total: number }) {
  if (errors.length === 0) return <span className="muted">—</span>;
  const hidden = Math.max(total, errors.length) - Math.min(errors.length, ERRORS_PER_RUN);
  return (
    <span className="cron-errors" data-testid="cron-run-errors">
      {errors.slice(0, ERRORS_PER_RUN).map((e) => (
        <a key={e.eventId} className="ellipsis" title={e.title}
          href={hrefOf(e.issueId !== null ? { name: 'issue', issueId: e.issueId, eventId: e.eventId } : { name: 'event', eventId: e.eventId })}>
          {e.title}
        </a>
      ))}
      {hidden > 0 && <span className="muted small" data-testid="cron-run-errors-more">+{hidden} more</span>}
    </span>
  );
}

function RunRow({ run, environment, errors }: { run: CronRun; environment: string | null; errors: CronRunError[] }) {
  return (
    <tr data-testid="cron-run" data-status={run.status}>
      <td><CronStatusBadge status={run.status} testId="cron-run-status" /></td>
      <td className="nowrap">{absoluteTime(run.startedMs)}</td>
      <td className="nowrap">{run.finishedMs === null ? <span className="muted">not yet</span> : absoluteTime(run.finishedMs)}</td>
      <td className="mono nowrap" data-testid="cron-run-duration">{formatDuration(run.durationMs)}</td>
      <td>{environment ?? <span className="muted">—</span>}</td>
      <td className="ellipsis" title={run.release ?? undefined}>{run.release ?? <span className="muted">—</span>}</td>
      {/* Eight digits tell runs apart; the whole id is on hover and in the copy. */}
      <td className="mono small" title={run.checkInId ?? undefined} data-testid="cron-run-id">{run.checkInId?.slice(0, 8) ?? '—'}</td>
      <td><ErrorLinks errors={errors} total={run.errorCount ?? errors.length} /></td>
    </tr>
  );
}

/** `#/crons/<project>/<slug>`: a monitor's runs newest first, its config, and errors captured in its runs; live. */
export function MonitorView({ project, slug, environment }: { project: number; slug: string; environment?: string }) {
  const [detail, setDetail] = useState<CronMonitorDetail | null | undefined>(undefined);
  const [older, setOlder] = useState<{ runs: CronRun[]; errors: CronRunError[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const version = useStore((s) => s.cronsVersion);
  const projectName = useStore((s) => s.projects.find((p) => p.id === project)?.name ?? `project ${project}`);
  const retry = useRetryOnReconnect(error !== null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    let current = true;
    api().cronMonitor({ project, slug, environment, limit: PAGE }).then((d) => {
      if (!current) return;
      setDetail(d);
      setOlder(null);
      setError(null);
    }, (err: unknown) => { if (current) setError(messageOf(err)); });
    return () => { current = false; };
  }, [project, slug, environment, version, retry]);

  // A route without an environment is answered by the one that checked in last: the page is that one's.
  const shownEnvironment = detail ? detail.environment ?? '' : environment;
  const cursor = older ? older.cursor : detail?.nextCursor ?? null;
  const loadOlder = useCallback(() => {
    if (!cursor) return;
    api().cronMonitor({ project, slug, environment: shownEnvironment, limit: PAGE, before: cursor }).then((d) => {
      if (!d) return;
      setOlder((o) => ({ runs: [...(o?.runs ?? []), ...d.runs], errors: [...(o?.errors ?? []), ...d.errors], cursor: d.nextCursor }));
    }, (err: unknown) => setError(messageOf(err)));
  }, [cursor, project, slug, shownEnvironment]);

  const runs = [...(detail?.runs ?? []), ...(older?.runs ?? [])];
  const errors = [...(detail?.errors ?? []), ...(older?.errors ?? [])];
  const errorsOf = (run: CronRun) => errors.filter((e) => e.checkInId !== null && e.checkInId === run.checkInId);
  const rows = detail?.config ? configRows(detail.config) : [];
  // Date.now() as well as the tick: a render caused by new data judges with the current time.
  const judgedAt = Math.max(now, Date.now());
  const timing = detail ? cronTiming(detail, judgedAt) : null;

  return (
    <div className="view monitor-view" data-testid="monitor-view">
      <p className="muted small"><a href={hrefOf({ name: 'crons' })}>Crons</a> / {projectName}</p>
      <header className="view-head">
        <h1 className="ellipsis" title={slug}>{slug}</h1>
        <span className="muted" data-testid="monitor-environment">{shownEnvironment || 'no environment'}</span>
        {detail && <CronStatusBadge status={monitorStatus(detail, judgedAt)} testId="monitor-status" />}
      </header>
      {error && <div className="error-box" role="alert">Could not load the monitor: {error}</div>}
      {detail === null && <div className="empty" data-testid="monitor-missing"><p>No check-in of this monitor is stored.</p></div>}
      {detail && (
        <>
          {timing?.missedSinceMs != null && (
            <p className="cron-note" role="status" data-testid="cron-missed">
              No check-in since {absoluteTime(timing.missedSinceMs)}, when the schedule expected one.
            </p>
          )}
          {timing?.nextMs != null && <NextCheckIn ms={timing.nextMs} zone={detail.config?.timezone ?? null} />}
          {detail.issue && (
            <p className="small" data-testid="monitor-issue">
              Its failures are an issue: <a href={hrefOf({ name: 'issue', issueId: detail.issue.id })}>Monitor failure: {slug}</a>
              {' '}<span className="muted">({detail.issue.status}, {detail.issue.count} {detail.issue.count === 1 ? 'failure' : 'failures'})</span>
            </p>
          )}
          <CheckInStrip marks={timelineMarks(detail, judgedAt)} />
          <MonitorEnvironments project={project} slug={slug} current={shownEnvironment} environments={detail.environments}
            zone={detail.config?.timezone ?? null} now={judgedAt} />
          <section className="cron-config" aria-labelledby="cron-config-title">
            <h2 id="cron-config-title">Monitor config</h2>
            {rows.length === 0
              ? <p className="muted">The SDK sent no <code className="mono">monitor_config</code>: pass a schedule as withMonitor's third argument to see it here.</p>
              : (
                <dl className="cron-config-list" data-testid="cron-config">
                  {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
                </dl>
              )}
          </section>
          <section aria-labelledby="cron-runs-title">
            <h2 id="cron-runs-title">Check-ins</h2>
            {detail.sharedTrace && (
              <p className="muted small" data-testid="cron-shared-trace">
                These runs share one trace (the process's), so errors are matched to a run by the time they were captured:
                any error of the process during a run shows. <code className="mono">isolateTrace: true</code> gives each run a trace of its own.
              </p>
            )}
            {/* A Tab stop when narrow: the arrow keys scroll the table sideways (WCAG 2.1.1). */}
            <div className="cron-table-wrap" tabIndex={0} role="region" aria-label="Check-ins (scrolls sideways)">
              <table className="cron-table" data-testid="cron-runs">
                <thead>
                  <tr><th>Status</th><th>Started</th><th>Finished</th><th>Duration</th><th>Environment</th><th>Release</th><th>Check-in id</th><th>Errors</th></tr>
                </thead>
                <tbody>
                  {runs.map((run, i) => <RunRow key={run.checkInId ?? `run-${i}`} run={run} environment={detail.environment} errors={errorsOf(run)} />)}
                </tbody>
              </table>
            </div>
            {cursor && <button type="button" className="btn" onClick={loadOlder} data-testid="cron-older">Older check-ins</button>}
          </section>
        </>
      )}
    </div>
  );
}
