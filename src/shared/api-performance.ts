/**
 * What the issue page shows of a performance issue's event: Sentry's evidence of the problem found
 * in the transaction (`evidence_data`, "Offending Spans", and the rows of its "Span Evidence").
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_problem.py
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/performance/spanEvidenceKeyValueList.tsx
 */

/** One row of Sentry's "Span Evidence" list, as text: `value` a list for Sentry's multi-value rows ("Parallelizable Spans"). */
export interface PerformanceEvidenceRow {
  /** Stable id of the row (the page's `perf-<key>` test id). */
  key: string;
  label: string;
  value: string | string[];
}

export interface PerformanceEvidence {
  /** Sentry's group type slug (`performance_n_plus_one_db_queries`, `performance_slow_db_query`…, see `PERFORMANCE_ISSUE_TYPES`). */
  issueType: string;
  /** Sentry's type title: "N+1 Query", "Slow DB Query"… */
  title: string;
  fingerprint: string;
  transactionName: string;
  /** The rows Sentry's issue page shows for this type, in its order. */
  rows: PerformanceEvidenceRow[];
  /** The parent span as `op - description`; null where Sentry shows none. */
  parentSpan: string | null;
  parentSpanIds: string[];
  /** The source query of an N+1 query as `op - description` (Sentry's "Preceding Span"); null for the other types. */
  precedingSpan: string | null;
  /** N+1: the source query (the "1"); consecutive DB queries: the whole run of queries. */
  causeSpanIds: string[];
  /** The spans at fault (repeating, slow, parallelizable…), marked in the waterfall. */
  offenderSpanIds: string[];
  /** Sentry's `repeating_spans`: the (first) offending span as `op - description` (for N+1 API calls, the URL path). */
  repeatingSpans: string;
  numRepeatingSpans: number;
  /** Time the offending spans took, in ms. */
  totalDurationMs: number;
  /** Sentry's "Offending Spans" line: `op - description`. */
  offendingSpans: string;
  /** N+1 API calls: the query and path values the calls differed by. */
  parameters?: string[];
  pathParameters?: string[];
}
