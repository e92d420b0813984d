/**
 * The performance issues filed from one transaction: its problems' `occurrence` rows (one per
 * problem, stored on the transaction's own envelope item, `pipeline/occurrence.ts`), each with
 * the evidence Sentry's issue page shows, recomputed from the transaction's spans. Sentry's event
 * page of a transaction links its performance issues the same way.
 * @see https://docs.sentry.io/product/issues/issue-details/performance-issues/
 */
import type { TransactionProblem } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import type { DB } from '../store/db';
import { detectPerformanceProblems, evidenceOfProblem } from '../performance/detect';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';

/** A transaction has one row per problem, once per fingerprint; past this it is a loop the first rows show. */
const MAX_PROBLEMS = 50;

interface Row { event_id: string; issue_id: number; hashes: string | null; title: string; status: string }

function fingerprintOf(hashes: string | null): string | null {
  try {
    const first = (JSON.parse(hashes ?? '[]') as unknown[])[0];
    return typeof first === 'string' ? first : null;
  } catch { return null; }
}

export function transactionProblemsQuery(db: DB) {
  const rows = db.prepare(`SELECT o.event_id, o.issue_id, o.hashes, i.title, i.status
    FROM events o INDEXED BY events_envelope JOIN issues i ON i.id = o.issue_id
    WHERE o.envelope_id = ? AND o.item_index = ? AND o.kind = '${OCCURRENCE_KIND}' ORDER BY o.id LIMIT ${MAX_PROBLEMS}`);

  /** The problems of the transaction stored at (`envelopeId`, `itemIndex`) with `payload`. */
  return function problemsOf(envelopeId: number, itemIndex: number, payload: SentryEvent): TransactionProblem[] {
    const found = rows.all(envelopeId, itemIndex) as Row[];
    if (found.length === 0) return [];
    const problems = detectPerformanceProblems(payload);
    return found.map((r) => {
      const fingerprint = fingerprintOf(r.hashes);
      const problem = problems.find((p) => p.fingerprint === fingerprint);
      return { issueId: r.issue_id, eventId: r.event_id, title: r.title, status: r.status, evidence: problem ? evidenceOfProblem(problem) : null };
    });
  };
}
