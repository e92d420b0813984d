/**
 * Sentry's MN+1 DB query detector (`MNPlusOneDBSpanDetector`): a sequence of up to
 * `maxSequenceLength` spans holding a query (say, a query then a render, or two queries) that
 * repeats itself at least `minimumOccurrences` times in a row under a common parent span, the
 * repetitions taking at least `totalDurationThresholdMs`, a twentieth of it in queries. Filed as
 * Sentry files it: an "N+1 Query" (group type 1006) fingerprinted under type 1011.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/mn_plus_one_db_span_detector.py
 */
import { createHash } from 'node:crypto';
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import { spanView, type DetectorSpan } from './span-view';
import { offendingSpansText, spanEvidence, totalSpanTime } from './span-time';
import { evidenceRow, spanRowValue } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';

/** Sentry's defaults (`get_detection_settings`; the duration is the N+1 one, `performance.issues.n_plus_one_db.duration_threshold`). */
export const MN_PLUS_ONE_DB_SETTINGS = { totalDurationThresholdMs: 50, minimumOccurrences: 3, maxSequenceLength: 8, maxAllowableDepth: 3, minDbShare: 0.05 };

const isDb = (s: DetectorSpan): boolean => (s.op ?? '').startsWith('db');

/** Queries are the same when their span hashes are; `default` spans when their descriptions are; any other span by its op. */
function equivalent(a: DetectorSpan, b: DetectorSpan): boolean {
  if (!a.op || !b.op || a.op !== b.op) return false;
  if (a.op === 'default') return a.description === b.description;
  return a.op.startsWith('db') ? a.hash() === b.hash() : true;
}

/**
 * A pattern (the spans from index `from` on) holds a whole query (not Redis) and spans of more than one
 * kind, and does not start with a Prisma serialize step. Read in place: most candidates are not one.
 */
function isValidPattern(spans: readonly DetectorSpan[], from: number): boolean {
  const first = spans[from];
  if (!first || first.description === 'prisma:client:serialize' || first.description === 'prisma:engine:serialize') return false;
  let query = false;
  let different = false;
  for (let i = from; i < spans.length; i++) {
    const s = spans[i] as DetectorSpan;
    const op = s.op ?? '';
    query ||= op.startsWith('db') && !op.startsWith('db.redis') && !!s.description && !s.description.endsWith('...');
    different ||= !equivalent(first, s);
    if (query && different) return true;
  }
  return false;
}

export function mnPlusOneDbDetector(ctx: DetectionContext, spans: readonly unknown[], settings = MN_PLUS_ONE_DB_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  // Parent links of the spans visited, filled in only when a problem needs them (most transactions have none).
  const parentOf = new Map<string, string>();
  const visited: DetectorSpan[] = [];
  let linked = 0;
  let recent: DetectorSpan[] = [];
  // While a pattern repeats: the pattern, every span of its repetitions, and where in the pattern the next span should be.
  let run: { pattern: DetectorSpan[]; spans: DetectorSpan[]; index: number } | null = null;

  const remember = (span: DetectorSpan) => { recent.push(span); if (recent.length > settings.maxSequenceLength) recent.shift(); };

  /** The nearest span, within `maxAllowableDepth` ancestors, above every offender, if it is one of the transaction's spans. */
  function commonParent(offenders: readonly DetectorSpan[]): DetectorSpan | null {
    for (; linked < visited.length; linked++) {
      const s = visited[linked];
      if (s?.spanId && s.parentSpanId) parentOf.set(s.spanId, s.parentSpanId);
    }
    // The ancestors every offender so far shares (none read yet: the first offender's are taken whole).
    let common = new Set<string>();
    let first = true;
    let latest: string[] = [];
    for (const span of offenders) {
      if (!span.spanId) return null;
      const parents: string[] = [];
      let current = span.spanId;
      for (let depth = 0; depth < settings.maxAllowableDepth; depth++) {
        const parent = parentOf.get(current);
        if (!parent) break;
        parents.push(parent);
        if (common.has(parent)) break;
        current = parent;
      }
      const before = common;
      common = first ? new Set(parents) : new Set(parents.filter((p) => before.has(p)));
      first = false;
      if (common.size === 0) return null;
      latest = parents;
    }
    const shared = common;
    const id = latest.find((p) => shared.has(p));
    const raw = id ? spans.find((s) => (s as { span_id?: unknown } | null)?.span_id === id) : undefined;
    return raw ? spanView(raw) : null;
  }

  function maybeStore(): void {
    if (!run) return;
    const { pattern, spans: seen } = run;
    const times = Math.floor(seen.length / pattern.length);
    if (times < settings.minimumOccurrences) return;
    const offenders = seen.slice(0, pattern.length * times);
    const total = totalSpanTime(offenders);
    if (total < settings.totalDurationThresholdMs) return;
    const queries = offenders.filter(isDb);
    if ((total ? totalSpanTime(queries) / total : 0) < settings.minDbShare) return;
    const parent = commonParent(offenders);
    const query = seen.find((s) => isDb(s) && trimmedEvidence(s, false) !== 'prisma:engine:connection');
    if (!parent?.spanId || !query) return;
    const fingerprint = `1-1011-${createHash('sha1').update(`${parent.op ?? ''}${parent.hash()}${query.hash()}`, 'utf8').digest('hex')}`;
    const distinct = queries.filter((q, i) => queries.findIndex((o) => o.hash() === q.hash()) === i);
    const desc = query.description ?? '';
    problems.set(fingerprint, {
      fingerprint, issueType: 'performance_n_plus_one_db_queries', op: 'db', description: desc,
      parentSpanIds: [parent.spanId], causeSpanIds: queries.flatMap((s) => (s.spanId ? [s.spanId] : [])),
      offenderSpanIds: offenders.flatMap((s) => (s.spanId ? [s.spanId] : [])),
      evidence: {
        transactionName: ctx.transactionName, parentSpan: spanEvidence(parent), repeatingSpans: pattern.map((s) => trimmedEvidence(s)).join('\n'),
        repeatingSpansCompact: pattern.map((s) => trimmedEvidence(s, false)).join('\n'), numRepeatingSpans: String(offenders.length),
      },
      offendingSpans: offendingSpansText('db', desc), totalDurationMs: total,
      display: [
        evidenceRow('Transaction', ctx.transactionName),
        evidenceRow('Parent Span', spanEvidence(parent)),
        ...(queries[0] ? [evidenceRow('Preceding Span', spanRowValue(queries[0]))] : []),
        evidenceRow(`Repeating Spans (${queries.length})`, distinct.map(spanRowValue), 'repeating-spans'),
        evidenceRow('Offending Spans', offendingSpansText('db', desc)),
      ],
    });
  }

  function search(span: DetectorSpan): void {
    if (recent.length > 1) {
      // Compared with all but the last span seen: a repeat of that one is an N+1, not an MN+1.
      for (let i = 0; i < recent.length - 1; i++) {
        const candidate = recent[i];
        if (!candidate || !equivalent(span, candidate) || !isValidPattern(recent, i)) continue;
        const pattern = recent.slice(i);
        run = { pattern, spans: [...pattern, span], index: 1 };
        return;
      }
    }
    remember(span);
  }

  return {
    problems,
    visit(span) {
      visited.push(span);
      if (!run) { search(span); return; }
      const expected = run.pattern[run.index];
      if (expected && equivalent(expected, span)) {
        run.spans.push(span);
        run.index = (run.index + 1) % run.pattern.length;
        return;
      }
      // The pattern broke: keep its last repetition and this span as the start of the next search.
      maybeStore();
      const { pattern, spans: seen } = run;
      run = null;
      recent = [...seen.slice(Math.max(0, seen.length - pattern.length)), span].slice(-settings.maxSequenceLength);
    },
    complete: maybeStore,
  };
}
