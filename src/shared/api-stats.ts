/**
 * Stats, as Sentry's Stats page shows them: per data category, what was accepted and what was lost
 * and why. `GET /_lookout/api/stats?hours=24[&project=N]`.
 * @see https://docs.sentry.io/product/stats/
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs
 * @see https://develop.sentry.dev/sdk/telemetry/client-reports/
 */

/**
 * Sentry's outcome names: `accepted` (stored by Lookout), `invalid` (Lookout could not read it, as
 * Relay drops an event that is not JSON: `invalid_json`), `client_discard` (the SDK dropped it and
 * said so in a client report), and those a relay in front of Lookout reported.
 */
export type OutcomeKind = 'accepted' | 'invalid' | 'client_discard' | 'rate_limited' | 'filtered' | 'filtered_sampling';

/** One counted outcome: `quantity` items of `category` (Sentry's data category: `error`, `transaction`, `span`…). */
export interface ClientOutcome {
  outcome: OutcomeKind;
  /** Why it was lost (`queue_overflow`, `network_error`…); empty for `accepted`. */
  reason: string;
  category: string;
  quantity: number;
}

export interface OutcomeTotal extends ClientOutcome {
  /** The earliest and latest time counted in the window (a client report's own time), epoch ms. */
  firstMs: number;
  lastMs: number;
}

/** Requests Lookout itself refused (listed under Stream → Rejected), by status and reason. */
export interface RejectedTotal {
  status: number;
  reason: string;
  count: number;
  lastMs: number;
}

/** One project's share of an outcome (`OutcomeStats.byProject`): which app accepted or lost what. */
export interface ProjectOutcomeTotal extends OutcomeTotal {
  projectId: number;
}

export interface OutcomeStats {
  /** The window: `[since, until)`, epoch ms; counts are kept per hour, so `since` is on the hour. */
  since: number;
  until: number;
  hours: number;
  project: number | null;
  outcomes: OutcomeTotal[];
  /** The outcomes per project as well, as Sentry's Stats lists projects; empty when `project` is set. */
  byProject: ProjectOutcomeTotal[];
  rejected: RejectedTotal[];
  /** How many days of counts are kept: the events' retention (`maxAgeDays`); older hours are pruned with them. */
  keptDays: number;
  /** The first hour still counted (any project), epoch ms; null when nothing is. */
  oldestHourMs: number | null;
}

/** Windows the Stats view offers, in hours (1 h, 24 h, 7 d, 30 d). */
export const STATS_WINDOWS = [1, 24, 24 * 7, 24 * 30] as const;
/** The longest window asked of the API: Sentry keeps outcomes 90 days. */
export const STATS_MAX_HOURS = 24 * 90;
