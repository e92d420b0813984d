/**
 * A run's or monitor's status as a badge, and the timeline of recent runs and missed check-ins.
 * Each says its status in words (visible, or to screen readers and on hover) and with its own
 * glyph: never colour alone.
 */
import type { CronRun } from '../../../../shared/api-types';
import { MISSED_COUNT_CAP } from '../../../../shared/api-crons';
import { statusLook, type ShownStatus } from '../../lib/cron-format';
import type { TimelineMark } from '../../lib/cron-rollup';
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

/** "Missed · expected 12 Mar 10:05 · 3 check-ins in a row"; since the last check-in: "… · none since". */
function missedSummary(atMs: number, count: number | null): string {
  const parts = [statusLook('missed').label, `expected ${absoluteTime(atMs)}`];
  if (count === null) parts.push('no check-in since');
  else if (count > 1) parts.push(`${count >= MISSED_COUNT_CAP ? `at least ${count}` : count} check-ins in a row`);
  return parts.join(' · ');
}

function markSummary(mark: TimelineMark): string {
  return mark.kind === 'run' ? runSummary(mark.run) : missedSummary(mark.atMs, mark.count);
}

/** The timeline of runs and missed check-ins, oldest left and newest right (`marks` come oldest first). */
export function CheckInStrip({ marks }: { marks: readonly TimelineMark[] }) {
  if (marks.length === 0) return null;
  return (
    <ol className="cron-strip" aria-label="Recent check-ins, oldest to newest" data-testid="cron-strip">
      {marks.map((mark, i) => {
        const status = mark.kind === 'run' ? mark.run.status : 'missed';
        const look = statusLook(status);
        const summary = markSummary(mark);
        return (
          <li key={mark.kind === 'run' ? mark.run.checkInId ?? `run-${i}` : `missed-${mark.atMs}`} className={`cron-cell cron-tone-${look.tone}`}
            title={summary} data-testid="cron-strip-cell" data-status={status}>
            <span aria-hidden="true">{look.glyph}</span>
            <span className="cron-sr-only">{summary}</span>
          </li>
        );
      })}
    </ol>
  );
}
