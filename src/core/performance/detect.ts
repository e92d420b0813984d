/**
 * Runs Sentry's N+1 detectors over one transaction, in one pass over its spans as sent (Sentry's
 * `run_detector_on_data` order), and labels the issue a problem makes.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 */
import type { PerformanceEvidence } from '../../shared/api-performance';
import type { SentryEvent } from '../../shared/sentry';
import type { EventTitle } from '../grouping';
import { isApiEventEligible, nPlusOneApiDetector } from './n-plus-one-api';
import { nPlusOneDbDetector } from './n-plus-one-db';
import { hashValues, parameterizeQuery, spanView } from './span-view';
import { PERFORMANCE_TYPES, type Detector, type PerformanceIssueType, type PerformanceProblem } from './types';

/** `events.grouping_config` of a transaction that joined a performance issue (its `hashes`: the problem's fingerprint). */
export const PERFORMANCE_GROUPING = 'performance-detection';

/** Spans read per transaction, as many as the trace view keeps (`MAX_ITEM_SPANS`). */
const MAX_SPANS = 10_000;

const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);

/** True when no span could start a problem: most transactions leave here after one look at each op. */
function nothingToDetect(spans: readonly unknown[]): boolean {
  for (const s of spans) {
    const op = record(s)?.op;
    if (typeof op === 'string' && (op.startsWith('db') || op === 'http.client')) return false;
  }
  return true;
}

/** The problems of a transaction, N+1 queries first then N+1 API calls (Sentry's detector order). */
export function detectPerformanceProblems(event: SentryEvent): PerformanceProblem[] {
  const spans = Array.isArray(event.spans) ? event.spans.slice(0, MAX_SPANS) : [];
  if (spans.length === 0 || nothingToDetect(spans)) return [];
  const trace = record(event.contexts?.trace);
  const name = typeof event.transaction === 'string' ? event.transaction : '';
  const root = trace ? spanView(trace, hashValues([name])) : null;
  const detectors: Detector[] = [nPlusOneDbDetector(root, name)];
  if (isApiEventEligible(typeof trace?.op === 'string' ? trace.op : null)) detectors.push(nPlusOneApiDetector(name));
  for (const raw of spans) {
    const span = spanView(raw);
    for (const d of detectors) d.visit(span);
  }
  return detectors.flatMap((d) => { d.complete(); return [...d.problems.values()]; });
}

/** The issue label of a problem: Sentry's type title, the transaction as culprit, the repeating span (parameterised) as message. */
export function performanceTitle(problem: Pick<PerformanceProblem, 'issueType' | 'description' | 'evidence'>): EventTitle {
  const value = problem.issueType === 'performance_n_plus_one_db_queries' ? parameterizeQuery(problem.description) ?? problem.description
    : problem.description;
  return {
    title: PERFORMANCE_TYPES[problem.issueType].title, culprit: problem.evidence.transactionName.slice(0, 200) || null,
    type: 'transaction', metadata: { value: value.slice(0, 1000), issueType: problem.issueType },
  };
}

/** The issue type a stored fingerprint names (regrouping an event whose body can no longer be read). */
export function issueTypeOfFingerprint(fingerprint: string): PerformanceIssueType | null {
  if (fingerprint.startsWith('1-GroupType.PERFORMANCE_N_PLUS_ONE_DB_QUERIES-')) return 'performance_n_plus_one_db_queries';
  if (fingerprint.startsWith(`1-${PERFORMANCE_TYPES.performance_n_plus_one_api_calls.typeId}-`)) return 'performance_n_plus_one_api_calls';
  return null;
}

/** The evidence the issue page shows: the problem of a stored transaction whose fingerprint it was filed under (else its first). */
export function performanceEvidence(event: SentryEvent, fingerprint: string | undefined): PerformanceEvidence | undefined {
  const problems = detectPerformanceProblems(event);
  const p = problems.find((x) => x.fingerprint === fingerprint) ?? problems[0];
  if (!p) return undefined;
  return {
    issueType: p.issueType, title: PERFORMANCE_TYPES[p.issueType].title, fingerprint: p.fingerprint, transactionName: p.evidence.transactionName,
    parentSpan: p.evidence.parentSpan, precedingSpan: p.evidence.precedingSpan ?? null,
    parentSpanIds: p.parentSpanIds, causeSpanIds: p.causeSpanIds, offenderSpanIds: p.offenderSpanIds,
    repeatingSpans: p.evidence.repeatingSpans, numRepeatingSpans: p.offenderSpanIds.length, totalDurationMs: p.totalDurationMs,
    offendingSpans: p.offendingSpans,
    ...(p.evidence.parameters ? { parameters: p.evidence.parameters } : {}),
    ...(p.evidence.pathParameters ? { pathParameters: p.evidence.pathParameters } : {}),
  };
}
