/**
 * A performance issue's evidence in a bug report: the rows Sentry's issue page shows for its type
 * (an N+1's transaction, parent, preceding and repeating spans; a slow query and its duration
 * impact; the parallelizable queries of consecutive ones…), then the offending spans' ids.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/performance/spanEvidenceKeyValueList.tsx
 */
import type { PerformanceEvidence } from '../../shared/api-performance';

export interface PerformanceView { title: string; rows: [label: string, value: string][] }

export function performanceView(evidence: PerformanceEvidence | undefined): PerformanceView | null {
  if (!evidence) return null;
  // A list (Sentry's multi-value rows) takes a row per value, the label on the first.
  const rows = evidence.rows.flatMap(({ label, value }): [string, string][] =>
    (Array.isArray(value) ? value.map((v, i): [string, string] => [i === 0 ? label : '', v]) : [[label, value]]));
  rows.push(['Offending span ids', evidence.offenderSpanIds.join(', ')]);
  return { title: `Performance: ${evidence.title}`, rows: rows.filter(([, value]) => value !== '') };
}
