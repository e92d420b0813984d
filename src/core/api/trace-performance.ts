/**
 * The performance issues of a trace's transactions, as Sentry's trace view lists them beside the
 * waterfall and marks each transaction that has one: every `occurrence` row of the trace (one per
 * problem, `pipeline/occurrence.ts`) with its issue's label and the transaction it was found in,
 * or, for a streamed segment (which has no transaction), the segment's root span.
 * @see https://docs.sentry.io/concepts/key-terms/tracing/trace-view/
 */
import type { TracePerformanceIssue, TraceSpan } from '../../shared/api-types';
import type { DB } from '../store/db';
import { OCCURRENCE_KIND, occurrenceEventId } from '../pipeline/occurrence';
import { segmentEventId } from '../performance/segment-event';
import { detectPerformanceProblems } from '../performance/detect';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';

/** Problems listed per trace; a trace with more is a loop the first ones already show. */
const MAX_PERFORMANCE_ISSUES = 200;
/** Problems whose offending spans are found again (their transaction's spans re-read); the rest keep their transaction's row and end. */
const MAX_PROBLEMS_LOCATED = 50;

interface Row extends StoredEventRow {
  event_id: string; issue_id: number; project_id: number; timestamp: number; title: string; metadata: string | null;
  transaction_event_id: string | null; trace_id: string; hashes: string | null;
}

function fingerprintOf(r: Row): string | null {
  try {
    const first = (JSON.parse(r.hashes ?? '[]') as unknown[])[0];
    return typeof first === 'string' ? first : null;
  } catch { return null; }
}

/** The issue's message: `metadata.value` (the repeating span, parameterised). */
function valueOf(metadata: string | null): string | null {
  try {
    const value = (JSON.parse(metadata ?? '{}') as { value?: unknown }).value;
    return typeof value === 'string' ? value : null;
  } catch { return null; }
}

/** The root span of each transaction: the one of its spans whose parent is not among them. */
function transactionRoots(spans: readonly TraceSpan[]): Map<string, string> {
  const idsOf = new Map<string, Set<string>>();
  for (const s of spans) {
    if (!s.transactionEventId || !s.spanId) continue;
    let ids = idsOf.get(s.transactionEventId);
    if (!ids) idsOf.set(s.transactionEventId, (ids = new Set()));
    ids.add(s.spanId);
  }
  const roots = new Map<string, string>();
  for (const s of spans) {
    const tx = s.transactionEventId;
    if (!tx || !s.spanId || roots.has(tx)) continue;
    if (!s.parentSpanId || !idsOf.get(tx)?.has(s.parentSpanId)) roots.set(tx, s.spanId);
  }
  return roots;
}

export function tracePerformanceQueries(db: DB) {
  // Named: without statistics the planner may walk events_kind. The transaction is found by its item.
  const occurrences = db.prepare(`SELECT o.event_id, o.issue_id, o.project_id, o.timestamp, o.trace_id, o.envelope_id, o.item_index, o.hashes,
      o.received, o.kind, o.payload, o.payload_codec, o.grouping, i.title, i.metadata,
      (SELECT t.event_id FROM events t INDEXED BY events_envelope WHERE t.envelope_id = o.envelope_id AND t.item_index = o.item_index
        AND t.kind = 'transaction' LIMIT 1) AS transaction_event_id
    FROM events o INDEXED BY events_trace JOIN issues i ON i.id = o.issue_id
    WHERE o.trace_id IN (?, ?) AND o.kind = '${OCCURRENCE_KIND}' ORDER BY o.timestamp, o.id LIMIT ${MAX_PERFORMANCE_ISSUES}`);

  const segmentRoots = db.prepare('SELECT segment_id FROM span_segments WHERE envelope_id = ? AND item_index = ? AND has_root = 1').pluck();

  /** The root span of the streamed segment a problem's row was found in: the one of its item's segments its id derives from. */
  function segmentRootOf(r: Row): string | null {
    let fingerprint: unknown;
    try { fingerprint = (JSON.parse(r.hashes ?? '[]') as unknown[])[0]; } catch { return null; }
    if (typeof fingerprint !== 'string') return null;
    const roots = segmentRoots.all(r.envelope_id, r.item_index) as string[];
    return roots.find((id) => occurrenceEventId(segmentEventId(r.trace_id, id), fingerprint) === r.event_id) ?? null;
  }

  /**
   * The problem's offending spans, found again by running the detectors over its transaction (or
   * segment) as the issue page does: the store keeps only the fingerprint. Empty when unreadable.
   */
  function offendersOf(r: Row, detected: Map<string, ReturnType<typeof detectPerformanceProblems>>): string[] {
    const fingerprint = fingerprintOf(r);
    if (!fingerprint) return [];
    // Problems of one transaction share its payload: detected once.
    const key = r.payload ? `o:${r.event_id}` : `t:${r.envelope_id}:${r.item_index}`;
    let problems = detected.get(key);
    if (!problems) {
      try { problems = detectPerformanceProblems(loadEventPayload(db, r)); } catch { problems = []; }
      detected.set(key, problems);
    }
    return problems.find((p) => p.fingerprint === fingerprint)?.offenderSpanIds ?? [];
  }

  /** The performance issues of trace `ids` (its two stored forms), each tied to its transaction's (or segment's) row among `spans`. */
  return function performanceIssuesOf(ids: readonly [string, string], spans: readonly TraceSpan[]): TracePerformanceIssue[] {
    const rows = occurrences.all(...ids) as Row[];
    if (rows.length === 0) return [];
    const roots = transactionRoots(spans);
    const startOf = new Map<string, number>();
    for (const s of spans) if (s.spanId && s.startMs !== null) startOf.set(s.spanId, s.startMs);
    const detected = new Map<string, ReturnType<typeof detectPerformanceProblems>>();
    return rows.map((r, i) => {
      const offenderSpanIds = i < MAX_PROBLEMS_LOCATED ? offendersOf(r, detected) : [];
      const starts = offenderSpanIds.map((id) => startOf.get(id)).filter((t): t is number => t !== undefined);
      return {
        issueId: r.issue_id, eventId: r.event_id, projectId: r.project_id, title: r.title, value: valueOf(r.metadata),
        transactionEventId: r.transaction_event_id,
        spanId: r.transaction_event_id ? roots.get(r.transaction_event_id) ?? null : segmentRootOf(r),
        offenderSpanIds,
        // When the problem happened: its first offending span's start, not its transaction's end.
        timestamp: starts.length > 0 ? Math.min(...starts) : r.timestamp,
      };
    });
  };
}
