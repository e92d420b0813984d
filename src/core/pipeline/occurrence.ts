/**
 * A performance problem of a transaction as the store files it: Sentry sends one issue occurrence
 * per problem (`IssueOccurrence`, its `event_id` the transaction's), so one transaction can count in
 * several performance issues. Lookout keeps the transaction's own `events` row out of every issue and
 * gives each problem an `occurrence` row in its issue, pointing at the same envelope item.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/issue_occurrence.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 */
import { createHash } from 'node:crypto';

/** `events.kind` of a problem's row: never listed as a transaction, counted only by its issue. */
export const OCCURRENCE_KIND = 'occurrence';

/**
 * The id of a problem's row. `events` holds one row per (project, event id), and Sentry's URLs name
 * the occurrence by the transaction's id: Lookout derives a stable id from both, so a regroup or a
 * migration finds the same row again.
 */
export function occurrenceEventId(transactionEventId: string, fingerprint: string): string {
  return createHash('sha1').update(`occurrence:${transactionEventId}:${fingerprint}`).digest('hex').slice(0, 32);
}
