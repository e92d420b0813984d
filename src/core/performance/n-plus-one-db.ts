/**
 * Sentry's N+1 DB query detector (`NPlusOneDBSpanDetector`, group type 1006 "N+1 Query"): under
 * one parent span, a source query followed by at least `count` equivalent queries (same span
 * hash and description, different from the source's), together at least `durationThresholdMs`.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/n_plus_one_db_span_detector.py
 */
import { createHash } from 'node:crypto';
import type { Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText, spanEvidence, totalSpanTime } from './span-time';

/** Sentry's defaults: options `performance.issues.n_plus_one_db.count_threshold` and `.duration_threshold`. */
export const N_PLUS_ONE_DB_SETTINGS = { count: 5, durationThresholdMs: 50 };

const isDbOp = (op: string) => op.startsWith('db') && !op.startsWith('db.redis') && !op.startsWith('db.connection');

const equivalent = (a: DetectorSpan, b: DetectorSpan) => a.hash() === b.hash() && !!a.description && a.description === b.description;

export function nPlusOneDbDetector(root: DetectorSpan | null, transactionName: string, settings = N_PLUS_ONE_DB_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  const potentialParents = new Map<string, DetectorSpan>();
  if (root?.spanId) potentialParents.set(root.spanId, root);
  let source: DetectorSpan | null = null;
  let first: DetectorSpan | null = null;
  let repeats: DetectorSpan[] = [];

  const reset = () => { source = null; first = null; repeats = []; };
  const maybeUseAsSource = (span: DetectorSpan) => {
    if (span.parentSpanId && potentialParents.has(span.parentSpanId)) source = span;
  };
  const continues = (span: DetectorSpan): boolean => {
    if (!source || !span.parentSpanId || span.parentSpanId !== source.parentSpanId) return false;
    // The source query and the repeated ones differ: "1 list, then N lookups".
    if (span.hash() === source.hash()) return false;
    if (!first) { first = span; return true; }
    return equivalent(span, first);
  };

  function maybeStore(): void {
    const cause: DetectorSpan | null = source;
    const n0 = repeats[0];
    if (!cause || !n0 || repeats.length < settings.count) return;
    if (totalSpanTime(repeats) < settings.durationThresholdMs) return;
    const parent = cause.parentSpanId ? potentialParents.get(cause.parentSpanId) : undefined;
    if (!parent || !cause.parentSpanId) return;
    // A query cut short by the SDK ("…") may differ in the part cut off.
    if (!cause.description || !n0.description || n0.description.endsWith('...')) return;
    const fingerprint = `1-GroupType.PERFORMANCE_N_PLUS_ONE_DB_QUERIES-${createHash('sha1')
      .update(`${parent.op ?? ''}${parent.hash()}${cause.hash()}${n0.hash()}`, 'utf8').digest('hex')}`;
    if (problems.has(fingerprint)) return;
    // Connection spans may carry op `db` too: not a query.
    if (n0.description.includes('pg-pool.connect')) return;
    const desc = n0.description;
    const offenders = repeats.flatMap((s) => (s.spanId ? [s.spanId] : []));
    problems.set(fingerprint, {
      fingerprint, issueType: 'performance_n_plus_one_db_queries', op: 'db', description: desc,
      parentSpanIds: [cause.parentSpanId], causeSpanIds: cause.spanId ? [cause.spanId] : [], offenderSpanIds: offenders,
      evidence: {
        transactionName, parentSpan: spanEvidence(parent), precedingSpan: spanEvidence(cause), repeatingSpans: `${n0.op ?? 'db'} - ${desc}`,
        repeatingSpansCompact: desc, numRepeatingSpans: String(offenders.length),
      },
      offendingSpans: offendingSpansText('db', desc), totalDurationMs: totalSpanTime(repeats),
    });
  }

  return {
    problems,
    visit(span) {
      if (!span.spanId || !span.op) return;
      if (!isDbOp(span.op)) {
        maybeStore();
        reset();
        if (span.parentSpanId) potentialParents.set(span.spanId, span);
        return;
      }
      if (!source) { maybeUseAsSource(span); return; }
      if (continues(span)) { repeats.push(span); return; }
      const previous = repeats.at(-1);
      maybeStore();
      reset();
      // The last repeat may be the source of a new N+1.
      if (previous) maybeUseAsSource(previous);
      if (source && continues(span)) repeats.push(span);
      else { source = null; maybeUseAsSource(span); }
    },
    complete: maybeStore,
  };
}
