/**
 * One monitor of the Crons list, as Sentry's overview row: the monitor (name, schedule, the status
 * rolled up from its environments, the soonest next check-in), and beneath it one row per
 * environment with its own status, timeline, last and next check-in. Each row is one link (the
 * whole row clicks through to it); the timeline's marks stay above it so their titles show.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/crons/components/overviewTimeline/overviewRow.tsx
 */
import { useState } from 'react';
import type { CronListEnvironment } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { cronTiming, monitorStatus, scheduleText } from '../../lib/cron-format';
import { timelineMarks, type RolledUpMonitor } from '../../lib/cron-rollup';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';
import { CheckInStrip, CronStatusBadge } from './CronStatus';
import { NextCheckInTime } from './NextCheckInTime';

/** Sentry's overview lists this many environments of a monitor, then "Show N More". */
export const MAX_SHOWN_ENVIRONMENTS = 4;

const monitorHref = (project: number, slug: string, environment: string | null) =>
  hrefOf({ name: 'cron', project, slug, ...(environment ? { environment } : {}) });

interface EnvironmentRowProps { project: number; slug: string; env: CronListEnvironment; zone: string | null; now: number }

function EnvironmentRow({ project, slug, env, zone, now }: EnvironmentRowProps) {
  const name = env.environment ?? 'no environment';
  return (
    <li className="cron-row cron-env-row" data-testid="cron-row" data-slug={slug} data-environment={env.environment ?? ''}>
      <a className="cron-row-main cron-stretch" href={monitorHref(project, slug, env.environment)}>
        <span className="ellipsis" title={name}>{name}<span className="cron-sr-only">{` · ${slug}`}</span></span>
      </a>
      <CronStatusBadge status={monitorStatus(env, now)} />
      <span className="small cron-col-last"><RelativeTime ms={env.lastCheckInMs} testId="cron-row-last" /></span>
      <span className="small"><NextCheckInTime ms={cronTiming(env, now).nextMs} zone={zone} testId="cron-row-next" /></span>
      <span className="mono small cron-row-num" title="Duration of the last run" data-testid="cron-row-duration">
        {formatDuration(env.recent[0]?.durationMs)}
      </span>
      <CheckInStrip marks={timelineMarks(env, now)} />
    </li>
  );
}

export function MonitorGroup({ rolled, project, now }: { rolled: RolledUpMonitor; project: string | null; now: number }) {
  const { monitor, environments, lead, status, nextMs } = rolled;
  // As Sentry's overview row: past 4 environments, the first 4 (the most urgent first, so a failing
  // one is never the hidden one) and a button for the rest; once shown they stay shown.
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? environments : environments.slice(0, MAX_SHOWN_ENVIRONMENTS);
  const hidden = environments.length - shown.length;
  const zone = monitor.config?.timezone ?? null;
  const schedule = scheduleText(monitor.config?.schedule ?? null);
  const count = `${environments.length} environment${environments.length === 1 ? '' : 's'}`;
  // The leading space keeps the link's name "slug project · …", not "slugproject".
  const details = [project, schedule].filter((d): d is string => d !== null).join(' · ');
  return (
    <li className="cron-monitor" data-testid="cron-monitor" data-slug={monitor.slug} data-status={status ?? ''}>
      <div className="cron-row cron-monitor-row">
        {/* The monitor opens on the environment its status comes from. */}
        <a className="cron-row-main cron-stretch" href={monitorHref(monitor.projectId, monitor.slug, lead?.environment ?? null)}
          data-testid="cron-monitor-link">
          <strong className="ellipsis" title={monitor.slug}>{monitor.slug || '(no slug)'}</strong>
          {details && <span className="muted small ellipsis" title={details} data-testid="cron-monitor-details">{` ${details}`}</span>}
        </a>
        <CronStatusBadge status={status} testId="cron-monitor-status" />
        <span className="small cron-col-last"><RelativeTime ms={monitor.lastCheckInMs} testId="cron-monitor-last" /></span>
        <span className="small"><NextCheckInTime ms={nextMs} zone={zone} testId="cron-monitor-next" /></span>
        <span className="cron-row-num" />
        <span className="muted small cron-env-count">{count}</span>
      </div>
      <ul className="cron-envs" aria-label={`Environments of ${monitor.slug || '(no slug)'}`}>
        {shown.map((env) => (
          <EnvironmentRow key={env.environment ?? ''} project={monitor.projectId} slug={monitor.slug} env={env} zone={zone} now={now} />
        ))}
        {hidden > 0 && (
          <li className="cron-env-more">
            <button type="button" className="btn btn-small" data-testid="cron-env-more" onClick={() => setExpanded(true)}>
              Show {hidden} more
            </button>
          </li>
        )}
      </ul>
    </li>
  );
}
