/**
 * Read API types, continued (see api-types.ts): what tells a user that an issue mixes errors.
 * Sentry joins an event to an issue by any one of its hashes (a one-frame Go `main()` gives two
 * different errors the same `system` hash while their `app` hashes differ), so an issue's events
 * can carry different titles; these say which hash joined an event and which titles the issue holds.
 * @see https://develop.sentry.dev/backend/grouping/
 */

/** How many of an issue's events carry each title (`IssueDetail.titles`). */
export interface IssueTitles {
  /** Distinct titles among the events looked at (the newest 2,000). */
  distinct: number;
  /** The most frequent titles first, at most 20. */
  top: { title: string; count: number }[];
}

/** Which of this event's hashes put it in its issue (`EventDetail.grouping.match`). */
export interface GroupingMatch {
  /** No event of the issue came before it: it opened the issue. */
  opened: boolean;
  /** Its first hash (in variant order) that an earlier event of the issue has; null when none (a merge joined it). */
  joinedBy: string | null;
  /** Its hashes no earlier event of the issue has: the variants that differ between the events. */
  differs: string[];
}
