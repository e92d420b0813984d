/** Read API types, continued: see api-types.ts. */
import type { TraceVitals } from './api-web-vitals';
import type { ItemSummary } from './api-types';

// Traces, logs and single items (`/_lookout/api/traces…`, `/logs`, `/items/:seq`). Served by
// src/core/api/trace-queries.ts, log-queries.ts and item-queries.ts.

/** One row of `GET /traces`: a trace seen through its spans, newest activity first. Times are epoch ms. */
export interface TraceSummary {
  traceId: string;
  /** The project of the root span (a distributed trace may span several). */
  projectId: number;
  rootName: string | null;
  rootOp: string | null;
  /**
   * No span without a parent has arrived: the trace is still running (span streaming sends the
   * root last), or it began in a service that does not send here. `rootName` is then its earliest span.
   */
  rootMissing?: boolean;
  startMs: number | null;
  durationMs: number | null;
  /** When its newest spans arrived (the list's order), epoch ms; in `GET /traces` only. */
  lastReceivedMs?: number | null;
  /** Spans stored for the trace, counted up to 10,001 (shown as "10,000+"). */
  spanCount: number;
  /** Error events carrying this trace id. */
  errorCount: number;
}

/** A span of `GET /traces/:id`, from a span item (v1 or v2 container) or a transaction event. */
export interface TraceSpan {
  spanId: string | null;
  parentSpanId: string | null;
  projectId: number;
  op: string | null;
  name: string | null;
  /** `ok`, `error`, or a v1 status such as `internal_error`; null when the SDK sent none. */
  status: string | null;
  startMs: number | null;
  endMs: number | null;
  /** The transaction event this span came in, when it was not a span item. */
  transactionEventId: string | null;
  /** Span data / attributes, `{value, type}` attributes flattened to their value. */
  data: Record<string, unknown>;
}

/** An error event of the trace; `spanId` is the span that was active when it was captured. */
export interface TraceError {
  eventId: string;
  issueId: number | null;
  projectId: number;
  title: string;
  level: string | null;
  timestamp: number;
  spanId: string | null;
}

/**
 * A performance issue a transaction of the trace counts in (one per problem found in it): Sentry's
 * trace view lists them and marks the transaction's row.
 */
export interface TracePerformanceIssue {
  issueId: number;
  /** The problem's event in its issue (the transaction as that issue holds it). */
  eventId: string;
  projectId: number;
  /** The issue's type title: "N+1 Query", "N+1 API Call"… */
  title: string;
  /** The repeating span, parameterised (the issue's message). */
  value: string | null;
  /** The transaction it was found in, and that transaction's root span (its row in the waterfall). */
  transactionEventId: string | null;
  spanId: string | null;
  /** The spans at fault (the repeating queries…), as the issue's evidence names them; empty when not found again. */
  offenderSpanIds: string[];
  /** Epoch ms: the first offending span's start (the transaction's end when they are not found). */
  timestamp: number;
}

/** One log record (`GET /logs`, and the logs of a trace). */
export interface LogEntry {
  id: number;
  projectId: number;
  /** Epoch ms. */
  timestamp: number;
  traceId: string | null;
  /** The span active when the log was written (`sentry.trace.parent_span_id`). */
  spanId: string | null;
  /** As the SDK sent it: `trace`, `debug`, `info`, `warn`, `error`, `fatal`. */
  level: string | null;
  body: string;
  /** Set when `body` was cut for the list; `bodyLength` is the stored length. */
  bodyTruncated?: boolean;
  bodyLength?: number;
  /** Attributes, `{value, type}` flattened to their value. */
  attributes: Record<string, unknown>;
}

/** `GET /traces/:id`: every stored span, plus the trace's error events and logs. */
export interface TraceDetail {
  traceId: string;
  projectIds: number[];
  /** The time the waterfall covers: its spans, errors and logs. */
  startMs: number | null;
  endMs: number | null;
  /** How long its spans lasted, as the trace list says (errors and logs after the last span do not lengthen it). */
  durationMs: number | null;
  /** Ordered by start time; at most 10,000 (`spansTruncated` past that). */
  spans: TraceSpan[];
  spansTruncated: boolean;
  /** The first 500 by time. */
  errors: TraceError[];
  /** All its errors, counted up to 10,001: more than 10,000 reads as "10,000+". */
  errorCount: number;
  /** The performance issues its transactions are in, oldest first. */
  performanceIssues: TracePerformanceIssue[];
  /** Its page view's web vitals and Performance Score (a browser's page load or navigation); null or absent when it has none. */
  vitals?: TraceVitals | null;
  logs: LogEntry[];
  logsTruncated: boolean;
}

/** Filters of `GET /logs`; `before` is the previous page's `nextCursor`. */
export interface LogQuery {
  project?: number;
  /** One level or a comma list; `warning` also matches `warn`. */
  level?: string;
  /** Substring of the body (case-insensitive for ASCII). */
  query?: string;
  trace?: string;
  limit?: number;
  before?: string;
  /** A `nextCursor` of an `after` page, or `TIMESTAMP:ID`: the logs after it, oldest first (cannot combine with `before`). */
  after?: string;
}

/** `GET /items/:seq`: a stored item re-read from its raw envelope. */
export interface ItemDetail {
  item: ItemSummary;
  itemIndex: number;
  /** The item's header line as sent. */
  headers: Record<string, unknown>;
  /** Payload bytes as sent. */
  size: number;
  /** The parsed JSON payload, when it is JSON of at most 1 MiB. */
  payload?: unknown;
  /** The payload as text when it is text but not (shown as) JSON; at most 1 MiB. */
  text?: string;
  /** Why the payload is cut, or shown as text, or not shown (binary). */
  note: string | null;
}
