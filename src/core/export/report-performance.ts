/**
 * A performance issue's evidence in a bug report: the rows Sentry's issue page shows for an N+1
 * (transaction, parent span, preceding span, repeating spans, offending spans, parameters).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/n_plus_one_db_span_detector.py
 */
import type { PerformanceEvidence } from '../../shared/api-performance';

export interface PerformanceView { title: string; rows: [label: string, value: string][] }

export function performanceView(evidence: PerformanceEvidence | undefined): PerformanceView | null {
  if (!evidence) return null;
  const rows: [string, string | null | undefined][] = [
    ['Transaction', evidence.transactionName],
    ['Parent Span', evidence.parentSpan],
    ['Preceding Span', evidence.precedingSpan],
    ['Repeating Spans', `${evidence.repeatingSpans} (${evidence.numRepeatingSpans} times, ${evidence.totalDurationMs.toFixed(1)} ms in all)`],
    ['Offending Spans', evidence.offendingSpans],
    ['Parameters', evidence.parameters?.join('; ')],
    ['Path Parameters', evidence.pathParameters?.join('; ')],
    ['Offending span ids', evidence.offenderSpanIds.join(', ')],
  ];
  return { title: `Performance: ${evidence.title}`, rows: rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1] !== '') };
}
