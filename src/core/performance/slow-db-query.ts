/**
 * Sentry's slow DB query detector (`SlowDBQueryDetector`, group type 1001 "Slow DB Query"): one
 * `db*` span running a whole `SELECT` (not cut short by the SDK) for at least `durationThresholdMs`.
 * Grouped by the query's span hash, so the same query with other literals joins the same issue.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/slow_db_query_detector.py
 */
import { createHash } from 'node:crypto';
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText } from './span-time';
import { durationImpact, evidenceRow, spanRowValue } from './evidence-format';

/** Sentry's defaults: option `performance.issues.slow_db_query.duration_threshold` (500 ms), ops starting with `db`. */
export const SLOW_DB_QUERY_SETTINGS = { durationThresholdMs: 500, allowedOpPrefixes: ['db'] };

/** Sentry caps evidence strings at this length (`MAX_EVIDENCE_VALUE_LENGTH`). */
const MAX_EVIDENCE_LENGTH = 10_000;

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** `get_span_evidence_value`: op and description trimmed, `op - description`. */
export function trimmedEvidence(span: DetectorSpan, includeOp = true): string {
  const op = (span.op ?? '').trim();
  const desc = (span.description ?? '').trim();
  if (op && desc) return includeOp ? `${op} - ${desc}` : desc;
  return op || desc || 'no value';
}

function isEligible(description: string): boolean {
  const query = description.trim();
  return query.slice(0, 6).toUpperCase() === 'SELECT' && !query.endsWith('...');
}

export function slowDbQueryDetector(ctx: DetectionContext, settings = SLOW_DB_QUERY_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  return {
    problems,
    visit(span) {
      const { op, spanId, description } = span;
      if (!op || !spanId || !description || !settings.allowedOpPrefixes.some((p) => op.startsWith(p))) return;
      // The duration first: cheaper than the query checks and the key's hash, and all must hold.
      const durationMs = span.endMs - span.startMs;
      if (durationMs < settings.durationThresholdMs || !isEligible(description)) return;
      // One problem per query text in a transaction (Sentry's `fingerprint_span` key).
      const key = sha1(`${op}${description}`).slice(0, 20);
      if (problems.has(key)) return;
      const desc = description.trim().slice(0, MAX_EVIDENCE_LENGTH);
      const impact = durationImpact(durationMs, ctx.transactionMs);
      problems.set(key, {
        fingerprint: `1-1001-${sha1(span.hash())}`, issueType: 'performance_slow_db_query', op, description: desc,
        parentSpanIds: [], causeSpanIds: [], offenderSpanIds: [spanId],
        evidence: {
          transactionName: ctx.transactionName, parentSpan: null,
          repeatingSpans: trimmedEvidence(span).slice(0, MAX_EVIDENCE_LENGTH),
          repeatingSpansCompact: trimmedEvidence(span, false).slice(0, MAX_EVIDENCE_LENGTH), numRepeatingSpans: '1',
        },
        offendingSpans: offendingSpansText(op, desc).slice(0, MAX_EVIDENCE_LENGTH), totalDurationMs: durationMs,
        display: [
          evidenceRow('Transaction', ctx.transactionName),
          evidenceRow('Slow DB Query', spanRowValue(span)),
          ...(impact ? [evidenceRow('Duration Impact', impact)] : []),
        ],
      });
    },
    complete() { /* each span is judged alone */ },
  };
}
