/**
 * A cron monitor's failure issue (Sentry's `monitor_check_in_failure`, category `cron`): the facts
 * its event carries in `contexts.monitor`, read the same way by the issue page and the server.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incident_occurrence.py
 */

/** How a check-in failed: the SDK sent `error`, a run stayed in progress past `max_runtime`, or a tick came with no check-in. */
export type CronFailureKind = 'error' | 'timeout' | 'missed';

/** Sentry's evidence of a monitor failure, with what Lookout knows of the failed check-in. */
export interface CronFailureEvidence {
  slug: string;
  environment: string | null;
  failure: CronFailureKind;
  /** Sentry's "Failure reason" ("An error check-in was detected", "3 missed check-ins detected"). */
  failureReason: string;
  /** The tick a missed check-in was expected at, or when a timed-out run began (ISO). */
  expectedTime: string | null;
  /** Sentry's "Last successful check-in": an ISO time, or "Never". */
  lastSuccessfulCheckIn: string;
  checkInId: string | null;
}

const FAILURES: readonly CronFailureKind[] = ['error', 'timeout', 'missed'];
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The evidence in a stored failure event (`contexts.monitor`), or null when it carries none. */
export function cronFailureEvidence(event: { contexts?: unknown; environment?: unknown }): CronFailureEvidence | null {
  const contexts = typeof event.contexts === 'object' && event.contexts !== null ? event.contexts as Record<string, unknown> : {};
  const m = contexts.monitor;
  if (typeof m !== 'object' || m === null) return null;
  const monitor = m as Record<string, unknown>;
  const slug = text(monitor.slug);
  const failure = FAILURES.find((f) => f === monitor.failure);
  if (!slug || !failure) return null;
  return {
    slug, environment: text(event.environment), failure, failureReason: text(monitor.failure_reason) ?? '',
    expectedTime: text(monitor.expected_time), lastSuccessfulCheckIn: text(monitor.last_successful_check_in) ?? 'Never',
    checkInId: text(monitor.check_in_id),
  };
}
