import type { PerformanceEvidence } from '../../../../shared/api-performance';
import { Section } from '../../components/Section';

/** A row of Sentry's evidence table; every value is event data, rendered as text. */
function Row({ label, value, testId }: { label: string; value: string | null | undefined; testId: string }) {
  if (!value) return null;
  return <tr><th scope="row">{label}</th><td className="mono" data-testid={testId}>{value}</td></tr>;
}

/**
 * What Sentry shows of a performance issue's event: the transaction, the parent span, the query
 * before the loop ("Preceding Span"), the repeating spans (how many, how long) and "Offending
 * Spans"; the spans are marked in the waterfall below.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/n_plus_one_db_span_detector.py
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/performance/spanEvidenceKeyValueList.tsx
 */
export function PerformanceSection({ evidence }: { evidence: PerformanceEvidence | undefined }) {
  if (!evidence) return null;
  const repeating = `${evidence.repeatingSpans} (${evidence.numRepeatingSpans} times, ${evidence.totalDurationMs.toFixed(1)} ms in all)`;
  return (
    <Section title={`Performance: ${evidence.title}`} testId="performance-evidence">
      <table className="kv-table perf-evidence">
        <tbody>
          <Row label="Transaction" value={evidence.transactionName} testId="perf-transaction" />
          <Row label="Parent Span" value={evidence.parentSpan} testId="perf-parent" />
          <Row label="Preceding Span" value={evidence.precedingSpan} testId="perf-preceding" />
          <Row label="Repeating Spans" value={repeating} testId="perf-repeating" />
          <Row label="Offending Spans" value={evidence.offendingSpans} testId="perf-offending" />
          <Row label="Parameters" value={evidence.parameters?.join('\n')} testId="perf-parameters" />
          <Row label="Path Parameters" value={evidence.pathParameters?.join('\n')} testId="perf-path-parameters" />
        </tbody>
      </table>
    </Section>
  );
}
