import type { TransactionProblem } from '../../../../shared/api-types';
import { Section } from '../../components/Section';
import { hrefOf } from '../../routing/navigation';
import { EvidenceTable } from './PerformanceSection';

/**
 * A transaction's own page: the performance issues filed from it, each linking to the problem's
 * event in its issue, with Sentry's evidence rows, so a transaction opened from the stream or a
 * trace says what is wrong with it (as Sentry's transaction event page links its issues).
 */
export function TransactionProblemsSection({ problems }: { problems: TransactionProblem[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <Section title={`Performance issues (${problems.length})`} testId="transaction-problems">
      <ul className="transaction-problems">
        {problems.map((p) => (
          <li key={p.eventId} data-testid="transaction-problem" data-issue-id={p.issueId}>
            <a href={hrefOf({ name: 'issue', issueId: p.issueId, eventId: p.eventId })}>
              <span className="trace-perf-badge">Perf</span> {p.title}
            </a>
            {p.status !== 'unresolved' && <span className="badge">{p.status.replace(/_/g, ' ')}</span>}
            {p.evidence
              ? <EvidenceTable evidence={p.evidence} />
              : <p className="muted small">Lookout's detectors no longer find this problem in the transaction's spans.</p>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
