/**
 * A run's or monitor's status as a badge, and the strip of recent runs. Each says its status in
 * words (visible, or to screen readers and on hover) and with its own glyph: never colour alone.
 */
import type { CronRun } from '../../../../shared/api-types';
import { statusLook, type ShownStatus } from '../../lib/cron-format';
import { absoluteTime } from '../../lib/format';
import { formatDuration } from '../../lib/trace-tree';

export function CronStatusBadge({ status, testId = 'cron-status' }: { status: ShownStatus | null; testId?: string }) {
  const look = statusLook(status);
  return (
    <span className={`cron-status cron-tone-${look.tone}`} data-testid={testId} data-status={status ?? ''}>
      <span className="cron-glyph" aria-hidden="true">{look.glyph}</span>{look.label}
    </span>
  );
}

/** "Failed · started 12 Mar 10:00:01 · took 1.25s". */
function runSummary(run: CronRun): string {
  const parts = [statusLook(run.status).label, `started ${absoluteTime(run.startedMs)}`];
  if (run.durationMs !== null) parts.push(`took ${formatDuration(run.durationMs)}`);
  if (run.sentStatus) parts.push(`last sent as ${statusLook(run.sentStatus).label.toLowerCase()}`);
  return parts.join(' · ');
}

/** The recent runs, oldest left and newest right (`runs` come newest first). */
export function CheckInStrip({ runs }: { runs: readonly CronRun[] }) {
  if (runs.length === 0) return null;
  return (
    <ol className="cron-strip" aria-label="Recent check-ins, oldest to newest" data-testid="cron-strip">
      {[...runs].reverse().map((run, i) => {
        const look = statusLook(run.status);
        const summary = runSummary(run);
        return (
          <li key={run.checkInId ?? `run-${i}`} className={`cron-cell cron-tone-${look.tone}`} title={summary}
            data-testid="cron-strip-cell" data-status={run.status}>
            <span aria-hidden="true">{look.glyph}</span>
            <span className="cron-sr-only">{summary}</span>
          </li>
        );
      })}
    </ol>
  );
}
