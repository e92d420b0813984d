/**
 * Sentry's consecutive DB queries detector (`ConsecutiveDBSpanDetector`, group type 1007
 * "Consecutive DB Queries"): a run of `SELECT`s one after another (none overlapping the previous)
 * in which at least one, after the first, depends on nothing (no `WHERE`, no literal or parameter):
 * running those in parallel would save at least `minTimeSavedMs`, and a tenth of the run's time.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/consecutive_db_detector.py
 */
import { createHash } from 'node:crypto';
import type { SentryEvent } from '../../shared/sentry';
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText, totalSpanDuration } from './span-time';
import { durationImpact, evidenceRow, spanRowValue } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';

/** Sentry's defaults (`get_detection_settings`; option `performance.issues.consecutive_db.min_time_saved_threshold`). */
export const CONSECUTIVE_DB_SETTINGS = { minTimeSavedMs: 100, minTimeSavedRatio: 0.1, spanDurationThresholdMs: 30, consecutiveCount: 2 };

/** Sentry's `CONTAINS_PARAMETER_REGEX`: a quoted string, a boolean, a number, or a placeholder (`?`, `$1`, `%s`). */
const CONTAINS_PARAMETER = /(?:'(?:[^']|'')*?(?:\\'.*|'(?!')))|(?:\b(?:true|false)\b)|(?:-?\b(?:[0-9]+\.)?[0-9]+(?:[eE][+-]?[0-9]+)?\b)|(?:\?|\$1|%s)/;

const durationOf = (s: DetectorSpan): number => s.endMs - s.startMs;

/** A `SELECT` in a `db*` span. Upper-casing never shortens a character, so the first six tell: no copy of a long query is made. */
const isDbQuery = (span: DetectorSpan): boolean =>
  (span.op ?? '').startsWith('db') && (span.description ?? '').trimStart().slice(0, 6).toUpperCase().startsWith('SELECT');

/**
 * `WHERE` in any case, as Sentry finds it in the upper-cased query, without that copy: besides ASCII
 * letters only `ẖ` and `ẘ` upper-case to W, H, E or R, each followed by a combining mark, so they
 * cannot spell it (checked over every code point).
 */
const WHERE = /WHERE/i;

/** A query that reads nothing another one produced: whole (not cut short), without `WHERE` or any value in it. */
function isIndependent(span: DetectorSpan): boolean {
  const query = span.description;
  return !!query && !query.endsWith('...') && !WHERE.test(query) && !CONTAINS_PARAMETER.test(query);
}

/** GraphQL endpoints run their resolvers' queries one by one by design; PHP has no way to run them in parallel. */
export function isConsecutiveDbEventEligible(event: SentryEvent): boolean {
  const request = event.request;
  if (request) {
    const url = typeof request.url === 'string' ? request.url : '';
    const rawMethod = request['http.method'] ?? request.method;
    const method = typeof rawMethod === 'string' ? rawMethod.toLowerCase() : '';
    if (url.endsWith('/graphql') && (method === 'post' || method === 'get')) return false;
  }
  return !(event.sdk?.name ?? '').toLowerCase().includes('php');
}

export function consecutiveDbDetector(ctx: DetectionContext, settings = CONSECUTIVE_DB_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  let run: DetectorSpan[] = [];

  /** Time saved by running the independent queries alongside the rest (Sentry's `_calculate_time_saved`). */
  function timeSaved(independent: readonly DetectorSpan[]): number {
    const maxIndependent = Math.max(...independent.map(durationOf));
    const dependent = run.filter((s) => !independent.includes(s)).reduce((n, s) => n + durationOf(s), 0);
    return totalSpanDuration(run) - Math.max(maxIndependent, dependent);
  }

  function maybeStore(): void {
    const independent = run.slice(1).filter(isIndependent);
    const first = independent[0];
    if (!first || run.length < settings.consecutiveCount) return;
    if (!independent.every((s) => durationOf(s) > settings.spanDurationThresholdMs)) return;
    const saved = timeSaved(independent);
    const total = totalSpanDuration(run);
    if (saved < settings.minTimeSavedMs || !(total > 0 && saved / total >= settings.minTimeSavedRatio)) return;
    // The query just before the first independent one, then the independent ones (Sentry's `fingerprint_spans`).
    const prior = run[run.indexOf(first) - 1] ?? run.at(-1);
    const hashes = [prior, ...independent].map((s) => s?.hash() ?? '');
    const fingerprint = `1-1007-${createHash('sha1').update(hashes.join('-'), 'utf8').digest('hex')}`;
    const query = first.description ?? '';
    const impact = durationImpact(saved, ctx.transactionMs);
    problems.set(fingerprint, {
      fingerprint, issueType: 'performance_consecutive_db_queries', op: 'db', description: query,
      parentSpanIds: [], causeSpanIds: run.flatMap((s) => (s.spanId ? [s.spanId] : [])),
      offenderSpanIds: independent.flatMap((s) => (s.spanId ? [s.spanId] : [])),
      evidence: {
        transactionName: ctx.transactionName, parentSpan: null, repeatingSpans: trimmedEvidence(first),
        repeatingSpansCompact: trimmedEvidence(first, false), numRepeatingSpans: String(independent.length),
      },
      offendingSpans: offendingSpansText('db', query), totalDurationMs: totalSpanDuration(independent),
      display: [
        evidenceRow('Transaction', ctx.transactionName),
        evidenceRow('Starting Span', spanRowValue(run[0])),
        evidenceRow('Parallelizable Spans', independent.map(spanRowValue)),
        ...(impact ? [evidenceRow('Duration Impact', impact)] : []),
      ],
    });
  }

  return {
    problems,
    visit(span) {
      const last = run.at(-1);
      if (!span.spanId || !isDbQuery(span) || (last && last.endMs > span.startMs)) {
        maybeStore();
        run = [];
        return;
      }
      run.push(span);
    },
    complete: maybeStore,
  };
}
