/**
 * A performance problem as Sentry's detectors report it (`PerformanceProblem` and its evidence).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_problem.py
 */

import type { PerformanceEvidenceRow } from '../../shared/api-performance';
import type { SentryEvent } from '../../shared/sentry';
import { PERFORMANCE_ISSUE_TYPES, type PerformanceIssueType } from '../../shared/issue-search-syntax';

/** Sentry's group types Lookout detects. @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/grouptype.py */
export const PERFORMANCE_TYPES = PERFORMANCE_ISSUE_TYPES;
export type { PerformanceIssueType };

/** What the detectors read of the transaction besides its spans. */
export interface DetectionContext {
  event: SentryEvent;
  transactionName: string;
  /** The transaction's own duration, in ms (0 when its times are missing). */
  transactionMs: number;
}

export interface PerformanceProblem {
  /** Sentry's fingerprint: equal for the same problem whatever the parameter values. */
  fingerprint: string;
  issueType: PerformanceIssueType;
  op: string;
  /** The repeating span's description (DB: as sent; API: its parameterised URL). */
  description: string;
  parentSpanIds: string[];
  causeSpanIds: string[];
  offenderSpanIds: string[];
  /** Sentry's `evidence_data` strings shown on the issue. */
  evidence: {
    transactionName: string;
    parentSpan: string | null;
    /** N+1 queries: the source query (Sentry's "Preceding Span", the first cause span); absent for N+1 API calls. */
    precedingSpan?: string;
    repeatingSpans: string;
    repeatingSpansCompact: string;
    numRepeatingSpans: string;
    /** N+1 API calls: the values the calls differed by. */
    parameters?: string[];
    pathParameters?: string[];
  };
  /** Sentry's "Offending Spans" (`get_notification_attachment_body`). */
  offendingSpans: string;
  /** Time the repeating spans took, in ms (DB: their union on the timeline, as the threshold reads it; API: their sum). */
  totalDurationMs: number;
  /** The rows of Sentry's "Span Evidence" for this type; absent for the N+1 types, whose rows `detect.ts` builds from `evidence`. */
  display?: PerformanceEvidenceRow[];
}

export interface Detector {
  visit(span: import('./span-view').DetectorSpan): void;
  complete(): void;
  readonly problems: Map<string, PerformanceProblem>;
}
