/**
 * A monitor's environments side by side, when its slug checked in from more than one: as in
 * Sentry, each environment has its own status and next check-in under the monitor's one config,
 * and runs pair only within their environment.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MonitorEnvironment)
 */
import type { CronMonitorEnvironment } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { cronTiming, monitorStatus } from '../../lib/cron-format';
import { hrefOf } from '../../routing/navigation';
import { CronStatusBadge } from './CronStatus';
import { NextCheckInTime } from './NextCheckInTime';

interface Props {
  project: number;
  slug: string;
  /** The environment the page shows ('' or undefined for none). */
  current: string | undefined;
  environments: readonly CronMonitorEnvironment[];
  zone: string | null;
  now: number;
}

export function MonitorEnvironments({ project, slug, current, environments, zone, now }: Props) {
  if (environments.length < 2) return null;
  return (
    <section aria-labelledby="cron-envs-title">
      <h2 id="cron-envs-title">Environments</h2>
      <div className="cron-table-wrap" tabIndex={0} role="region" aria-label="Environments (scrolls sideways)">
        <table className="cron-table" data-testid="cron-environments">
          <thead><tr><th>Environment</th><th>Status</th><th>Last check-in</th><th>Next check-in</th></tr></thead>
          <tbody>
            {environments.map((e) => {
              const name = e.environment ?? 'no environment';
              const isCurrent = (e.environment ?? '') === (current ?? '');
              const status = monitorStatus({ ...e, recent: e.latest ? [e.latest] : [] }, now);
              const href = hrefOf({ name: 'cron', project, slug, ...(e.environment ? { environment: e.environment } : {}) });
              return (
                <tr key={e.environment ?? ''} data-testid="cron-environment" data-environment={e.environment ?? ''}>
                  <td>{isCurrent ? <strong aria-current="page">{name}</strong> : <a href={href}>{name}</a>}</td>
                  <td><CronStatusBadge status={status} testId="cron-environment-status" /></td>
                  <td className="nowrap"><RelativeTime ms={e.lastCheckInMs} /></td>
                  <td className="nowrap"><NextCheckInTime ms={cronTiming(e, now).nextMs} zone={zone} testId="cron-environment-next" /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
