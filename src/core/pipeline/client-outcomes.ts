import type { ClientOutcome, OutcomeKind } from '../../shared/api-stats';

/**
 * What one `client_report` item says was lost before it reached Lookout, read as relay reads it:
 * `discarded_events` are the SDK's own discards (`client_discard`: `queue_overflow`,
 * `ratelimit_backoff`, `network_error`, `sample_rate`, `before_send`…); a relay in front may add
 * `rate_limited_events`, `filtered_events` and `filtered_sampling_events`. As relay does, an entry
 * whose reason is over 200 characters is ignored, and equal (outcome, reason, category) entries add up.
 * @see https://develop.sentry.dev/sdk/telemetry/client-reports/
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/processing/client_reports/process.rs
 */
export interface ClientReportOutcomes {
  /** When the SDK made the report (its `timestamp`), else when it arrived; epoch ms. */
  timestamp: number;
  outcomes: ClientOutcome[];
}

const FIELDS: [string, OutcomeKind][] = [
  ['discarded_events', 'client_discard'], ['rate_limited_events', 'rate_limited'],
  ['filtered_events', 'filtered'], ['filtered_sampling_events', 'filtered_sampling'],
];
const MAX_REASON = 200;
const MAX_CATEGORY = 64;
/** Relay drops reports older than the project's retention (90 days by default). */
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

/** A report's `timestamp`: seconds since the epoch, or an RFC 3339 string (relay's `UnixTimestamp`). */
function reportTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/**
 * The report's outcomes and its time. Relay drops a report dated more than 90 days back or ahead of
 * its clock; Lookout counts it at its arrival instead (an SDK's clock being off must not hide what it dropped),
 * and never later than it arrived.
 */
export function clientReportOutcomes(payload: unknown, received: number): ClientReportOutcomes {
  const report = record(payload);
  const sum = new Map<string, ClientOutcome>();
  for (const [field, outcome] of FIELDS) {
    const entries = report[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const { reason, category, quantity } = record(entry);
      if (typeof reason !== 'string' || reason.length > MAX_REASON) continue;
      if (typeof category !== 'string' || category === '' || category.length > MAX_CATEGORY) continue;
      if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) continue;
      const key = JSON.stringify([outcome, reason, category]);
      const seen = sum.get(key);
      if (seen) seen.quantity += quantity;
      else sum.set(key, { outcome, reason, category, quantity });
    }
  }
  const stated = reportTime(report.timestamp);
  const timestamp = stated !== null && stated <= received && received - stated <= MAX_AGE_MS ? stated : received;
  return { timestamp, outcomes: [...sum.values()] };
}
