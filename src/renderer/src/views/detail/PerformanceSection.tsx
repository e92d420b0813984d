import type { PerformanceEvidence, PerformanceEvidenceRow } from '../../../../shared/api-performance';
import { Section } from '../../components/Section';

/** A row of Sentry's evidence table; every value is event data, rendered as text (a list one value a line). */
function Row({ row }: { row: PerformanceEvidenceRow }) {
  const value = Array.isArray(row.value) ? row.value.join('\n') : row.value;
  if (!value) return null;
  return <tr><th scope="row">{row.label}</th><td className="mono" data-testid={`perf-${row.key}`}>{value}</td></tr>;
}

/** Sentry's "Span Evidence" rows of one problem. */
export function EvidenceTable({ evidence }: { evidence: PerformanceEvidence }) {
  return (
    <table className="kv-table perf-evidence" data-issue-type={evidence.issueType}>
      <tbody>
        {evidence.rows.map((row) => <Row key={row.key} row={row} />)}
      </tbody>
    </table>
  );
}

/**
 * What Sentry shows of a performance issue's event, by its type: for an N+1 the transaction, the
 * parent span, the query before the loop and the repeating spans; for a slow query the query and
 * its duration impact; for consecutive queries the parallelizable ones and the time they would
 * save… The offending spans are marked in the waterfall below.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/performance/spanEvidenceKeyValueList.tsx
 */
export function PerformanceSection({ evidence }: { evidence: PerformanceEvidence | undefined }) {
  if (!evidence) return null;
  return (
    <Section title={`Performance: ${evidence.title}`} testId="performance-evidence">
      <EvidenceTable evidence={evidence} />
    </Section>
  );
}
