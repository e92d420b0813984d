/**
 * What the issue page shows of a performance issue's event: Sentry's evidence of the problem found
 * in the transaction (`evidence_data` and "Offending Spans").
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_problem.py
 */
export interface PerformanceEvidence {
  /** Sentry's group type slug: `performance_n_plus_one_db_queries` or `performance_n_plus_one_api_calls`. */
  issueType: string;
  /** "N+1 Query", "N+1 API Call". */
  title: string;
  fingerprint: string;
  transactionName: string;
  /** The parent span as `op - description`; null for N+1 API calls (Sentry shows none). */
  parentSpan: string | null;
  parentSpanIds: string[];
  /** The source query of an N+1 query as `op - description` (Sentry's "Preceding Span"); null for N+1 API calls. */
  precedingSpan: string | null;
  /** The source query of an N+1 query (the "1"). */
  causeSpanIds: string[];
  /** The repeating spans. */
  offenderSpanIds: string[];
  /** The repeating span as Sentry shows it (`db - SELECT …`; for API calls, the URL path). */
  repeatingSpans: string;
  numRepeatingSpans: number;
  /** Time the repeating spans took, in ms. */
  totalDurationMs: number;
  /** Sentry's "Offending Spans" line: `op - description`. */
  offendingSpans: string;
  /** N+1 API calls: the query and path values the calls differed by. */
  parameters?: string[];
  pathParameters?: string[];
}
