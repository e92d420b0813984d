import { cronFailureEvidence, type CronFailureKind } from '../../../../shared/api-cron-issues';
import type { EventDetail } from '../../../../shared/api-types';
import { Section } from '../../components/Section';
import { absoluteTime } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';

const FAILURE_NAMES: Record<CronFailureKind, string> = { error: 'Error check-in', timeout: 'Timed out', missed: 'Missed check-in' };

/** An ISO time as the viewer reads it; any other text (Sentry's "Never") as it is. */
function when(iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : absoluteTime(ms);
}

/**
 * What Sentry shows of a failing cron monitor's issue: the failure reason, the environment and
 * the last successful check-in, with the monitor (linked to its page), how this check-in failed
 * and when it was expected. Every value is event data, rendered as text.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incident_occurrence.py
 */
export function CronFailureSection({ detail, payload }: { detail: EventDetail; payload: Record<string, unknown> }) {
  if (detail.kind !== 'cron') return null;
  const evidence = cronFailureEvidence(payload);
  if (!evidence) return null;
  const monitorHref = hrefOf({ name: 'cron', project: detail.projectId, slug: evidence.slug, ...(evidence.environment ? { environment: evidence.environment } : {}) });
  const expected = when(evidence.expectedTime);
  const rows: [string, string, string | null][] = [
    ['failure-reason', 'Failure reason', evidence.failureReason],
    ['environment', 'Environment', evidence.environment],
    ['failure', 'Failure', FAILURE_NAMES[evidence.failure]],
    ['expected', evidence.failure === 'timeout' ? 'Run started' : 'Expected at', expected],
    ['last-ok', 'Last successful check-in', when(evidence.lastSuccessfulCheckIn)],
    ['check-in', 'Check-in id', evidence.checkInId],
  ];
  return (
    <Section title="Monitor failure" testId="cron-evidence">
      <table className="kv-table cron-evidence">
        <tbody>
          <tr><th scope="row">Monitor</th><td><a href={monitorHref} data-testid="cron-evidence-monitor">{evidence.slug}</a></td></tr>
          {rows.map(([key, label, value]) => value && (
            <tr key={key}><th scope="row">{label}</th><td className="mono" data-testid={`cron-evidence-${key}`}>{value}</td></tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
