/**
 * Runs Sentry's performance detectors over one transaction, in one pass over its spans as sent,
 * each detector fed in Sentry's `DETECTOR_CLASSES` order (so their problems come out in it), and
 * labels the issue a problem makes.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 */
import type { PerformanceEvidence, PerformanceEvidenceRow } from '../../shared/api-performance';
import type { SentryEvent } from '../../shared/sentry';
import type { EventTitle } from '../grouping';
import { toEpochMs } from '../ingest/timestamps';
import { consecutiveDbDetector, isConsecutiveDbEventEligible } from './consecutive-db';
import { consecutiveHttpDetector, isBrowserSdkEvent } from './consecutive-http';
import { evidenceRow } from './evidence-format';
import { largeHttpPayloadDetector } from './large-http-payload';
import { mnPlusOneDbDetector } from './mn-plus-one-db';
import { isApiEventEligible, nPlusOneApiDetector } from './n-plus-one-api';
import { nPlusOneDbDetector } from './n-plus-one-db';
import { renderBlockingAssetDetector } from './render-blocking-asset';
import { slowDbQueryDetector } from './slow-db-query';
import { parameterizeQuery, spanView } from './span-view';
import { isUncompressedAssetEventEligible, uncompressedAssetDetector } from './uncompressed-asset';
import { PERFORMANCE_TYPES, type DetectionContext, type Detector, type PerformanceIssueType, type PerformanceProblem } from './types';

/** `events.grouping_config` of a transaction that joined a performance issue (its `hashes`: the problem's fingerprint). */
export const PERFORMANCE_GROUPING = 'performance-detection';

/** Spans read per transaction, as many as the trace view keeps (`MAX_ITEM_SPANS`). */
const MAX_SPANS = 10_000;

const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);

/** True when no span could start a problem (every detector reads `db*`, `http*` or `resource.*` spans): most transactions leave here after one look at each op. */
function nothingToDetect(spans: readonly unknown[]): boolean {
  for (const s of spans) {
    const op = record(s)?.op;
    if (typeof op !== 'string') continue;
    // The first letter first: most ops (`function`, `ui.*`, `middleware.*`) leave on one comparison.
    const c = op.charCodeAt(0);
    if ((c === 100 && op.startsWith('db')) || (c === 104 && op.startsWith('http')) || (c === 114 && op.startsWith('resource.'))) return false;
  }
  return true;
}

/** The detectors that read this transaction, in Sentry's `DETECTOR_CLASSES` order, each behind its `is_event_eligible`. */
function detectorsFor(ctx: DetectionContext, spans: readonly unknown[]): Detector[] {
  const { event, transactionName: name } = ctx;
  const trace = record(event.contexts?.trace);
  const root = trace ? spanView(trace, name) : null;
  return [
    ...(isConsecutiveDbEventEligible(event) ? [consecutiveDbDetector(ctx)] : []),
    ...(isBrowserSdkEvent(event) ? [] : [consecutiveHttpDetector(ctx, spans)]),
    slowDbQueryDetector(ctx),
    renderBlockingAssetDetector(ctx),
    nPlusOneDbDetector(root, name),
    ...(isApiEventEligible(typeof trace?.op === 'string' ? trace.op : null) ? [nPlusOneApiDetector(name)] : []),
    mnPlusOneDbDetector(ctx, spans),
    ...(isUncompressedAssetEventEligible(event) ? [uncompressedAssetDetector(ctx)] : []),
    largeHttpPayloadDetector(ctx),
  ];
}

/** The problems of a transaction, in Sentry's detector order (consecutive DB queries first, large HTTP payloads last). */
export function detectPerformanceProblems(event: SentryEvent): PerformanceProblem[] {
  const spans = Array.isArray(event.spans) ? event.spans.slice(0, MAX_SPANS) : [];
  if (spans.length === 0 || nothingToDetect(spans)) return [];
  const start = toEpochMs(event.start_timestamp);
  const end = toEpochMs(event.timestamp);
  const ctx: DetectionContext = {
    event, transactionName: typeof event.transaction === 'string' ? event.transaction : '',
    transactionMs: start !== undefined && end !== undefined && end > start ? end - start : 0,
  };
  const detectors = detectorsFor(ctx, spans);
  for (const raw of spans) {
    const span = spanView(raw);
    for (const d of detectors) d.visit(span);
  }
  return detectors.flatMap((d) => { d.complete(); return [...d.problems.values()]; });
}

const DB_TYPES = new Set<PerformanceIssueType>(['performance_n_plus_one_db_queries', 'performance_slow_db_query', 'performance_consecutive_db_queries']);

/** The issue label of a problem: Sentry's type title, the transaction as culprit, the offending span (a query parameterised) as message. */
export function performanceTitle(problem: Pick<PerformanceProblem, 'issueType' | 'description' | 'evidence'>): EventTitle {
  const value = DB_TYPES.has(problem.issueType) ? parameterizeQuery(problem.description) ?? problem.description : problem.description;
  return {
    title: PERFORMANCE_TYPES[problem.issueType].title, culprit: problem.evidence.transactionName.slice(0, 200) || null,
    type: 'transaction', metadata: { value: value.slice(0, 1000), issueType: problem.issueType },
  };
}

/** The issue type a stored fingerprint names (regrouping an event whose body can no longer be read). */
export function issueTypeOfFingerprint(fingerprint: string): PerformanceIssueType | null {
  // MN+1 queries are N+1 Query issues fingerprinted under Sentry's type 1011.
  if (fingerprint.startsWith('1-GroupType.PERFORMANCE_N_PLUS_ONE_DB_QUERIES-') || fingerprint.startsWith('1-1011-')) return 'performance_n_plus_one_db_queries';
  const typeId = /^1-(\d+)-/.exec(fingerprint)?.[1];
  const found = Object.entries(PERFORMANCE_TYPES).find(([, t]) => String(t.typeId) === typeId);
  return found ? found[0] as PerformanceIssueType : null;
}

/** The rows Sentry's page shows for the N+1 types, from their evidence (the repeating spans with their count and time). */
function nPlusOneRows(p: PerformanceProblem): PerformanceEvidenceRow[] {
  const e = p.evidence;
  const rows = [
    evidenceRow('Transaction', e.transactionName, 'transaction'),
    ...(e.parentSpan ? [evidenceRow('Parent Span', e.parentSpan, 'parent')] : []),
    ...(e.precedingSpan ? [evidenceRow('Preceding Span', e.precedingSpan, 'preceding')] : []),
    evidenceRow('Repeating Spans', `${e.repeatingSpans} (${p.offenderSpanIds.length} times, ${p.totalDurationMs.toFixed(1)} ms in all)`, 'repeating'),
    evidenceRow('Offending Spans', p.offendingSpans, 'offending'),
  ];
  if (e.parameters?.length) rows.push(evidenceRow('Parameters', e.parameters, 'parameters'));
  if (e.pathParameters?.length) rows.push(evidenceRow('Path Parameters', e.pathParameters, 'path-parameters'));
  return rows;
}

/** What the issue page shows of one problem: Sentry's evidence rows and the spans to mark. */
export function evidenceOfProblem(p: PerformanceProblem): PerformanceEvidence {
  return {
    issueType: p.issueType, title: PERFORMANCE_TYPES[p.issueType].title, fingerprint: p.fingerprint, transactionName: p.evidence.transactionName,
    rows: p.display ?? nPlusOneRows(p),
    parentSpan: p.evidence.parentSpan, precedingSpan: p.evidence.precedingSpan ?? null,
    parentSpanIds: p.parentSpanIds, causeSpanIds: p.causeSpanIds, offenderSpanIds: p.offenderSpanIds,
    repeatingSpans: p.evidence.repeatingSpans, numRepeatingSpans: p.offenderSpanIds.length, totalDurationMs: p.totalDurationMs,
    offendingSpans: p.offendingSpans,
    ...(p.evidence.parameters ? { parameters: p.evidence.parameters } : {}),
    ...(p.evidence.pathParameters ? { pathParameters: p.evidence.pathParameters } : {}),
  };
}

/** The evidence the issue page shows: the problem of a stored transaction whose fingerprint it was filed under (else its first). */
export function performanceEvidence(event: SentryEvent, fingerprint: string | undefined): PerformanceEvidence | undefined {
  const problems = detectPerformanceProblems(event);
  const p = problems.find((x) => x.fingerprint === fingerprint) ?? problems[0];
  return p ? evidenceOfProblem(p) : undefined;
}
