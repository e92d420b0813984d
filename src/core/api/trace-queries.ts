/**
 * Traces as Lookout stores them: blocks of spans in `span_blocks` (from span v1 items, span v2
 * containers and the spans of transaction events, one block per envelope item and trace),
 * tied to error events (`events.trace_id`) and logs.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { Page, TraceDetail, TraceError, TraceSpan, TraceSummary } from '../../shared/api-types';
import type { DB } from '../store/db';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import { HttpError } from './http-util';
import { logQueries } from './log-queries';
import { summarizeBlocks, traceSpanRows, type BlockSummaryRow, type SpanRow } from './span-blocks-read';
import { readAttributes, stringAttribute } from '../ingest/telemetry-attributes';
import { traceIdForms } from './trace-id';
import { tracePerformanceQueries } from './trace-performance';
import { parseTraceSearch } from './trace-search';
import { traceSearchMatcher } from './trace-search-match';
import { traceVitalsFromSpans } from './trace-vitals';
import { webVitalsQueries } from './web-vitals-queries';

/** Spans sent for one trace; a larger trace is cut (the rest stay stored). */
export const MAX_TRACE_SPANS = 10_000;
const MAX_ERRORS = 500;
/** Errors a trace's page counts exactly; past it the count reads "10,000+" (an index walk, not 114,649 rows). */
export const MAX_ERRORS_COUNTED = 10_000;
/** Errors whose payload is read to find the span they happened in. */
const ERRORS_WITH_SPAN = 50;
/** Span blocks a list page looks at, and how many it reads at once. */
const LIST_SCAN = 50_000;
const LIST_CHUNK = 2_000;

/** Span data sent for one trace in all; past it spans come without their data (a 10,000-span trace could hold 1 GB). */
const DATA_BUDGET = 8 * 1024 * 1024;
const OP_ATTRIBUTE = /"sentry\.op":\{"value":"([^"\\]{1,200})"/;

/** Span v2 puts the op in the `sentry.op` attribute; v1 spans and transactions have a field. */
function toSpan(r: SpanRow, withData = true): TraceSpan {
  const data = withData ? readAttributes(r.data) : { '…': 'not sent: the span data of this trace is over 8 MB' };
  const op = r.op ?? (withData ? stringAttribute(data, 'sentry.op') : OP_ATTRIBUTE.exec(r.data ?? '')?.[1] ?? null);
  return {
    spanId: r.span_id, parentSpanId: r.parent_span_id, projectId: r.project_id, op,
    name: r.name, status: r.status, startMs: r.start_ms, endMs: r.end_ms, transactionEventId: r.transaction_event_id, data,
  };
}

function spanIdOf(payload: unknown): string | null {
  const contexts = (payload as { contexts?: { trace?: { span_id?: unknown } } } | null)?.contexts;
  const id = contexts?.trace?.span_id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/** Earliest first; spans without a start go last. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  if (a.startMs === null || b.startMs === null) return (a.startMs === null ? 1 : 0) - (b.startMs === null ? 1 : 0);
  return a.startMs - b.startMs;
}

function finite(values: (number | null)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * `list` serves `GET /traces`, `detail` `GET /traces/:id`.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
interface BlockHead { id: number; trace_id: string; root_name: string | null; root_op: string | null; page_name: string | null }

export function traceQueries(db: DB) {
  const logs = logQueries(db);
  const performanceIssuesOf = tracePerformanceQueries(db);
  const vitals = webVitalsQueries(db);
  const chunk = db.prepare(`SELECT id, trace_id, root_name, root_op, page_name FROM span_blocks WHERE id < @before AND trace_id IS NOT NULL
    AND (@project IS NULL OR project_id = @project) ORDER BY id DESC LIMIT ${LIST_CHUNK}`);
  const newestOf = db.prepare('SELECT MAX(id) FROM span_blocks WHERE trace_id = @trace AND (@project IS NULL OR project_id = @project)').pluck();
  // The root: a span without a parent, else (a trace continued from elsewhere) the earliest one;
  // each block holds its own best candidate in columns, so no blob is read.
  const blocks = db.prepare(`SELECT id, project_id, span_count, start_ms, end_ms, root_parentless, root_op, root_name, root_start_ms, page_name
    FROM span_blocks WHERE trace_id = ? ORDER BY id LIMIT ${MAX_TRACE_SPANS + 1}`);
  const errorCount = db.prepare("SELECT COUNT(*) FROM events WHERE trace_id IN (?, ?) AND kind = 'event'").pluck();
  const cappedErrorCount = db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE trace_id IN (?, ?) AND kind = 'event'
    LIMIT ${MAX_ERRORS_COUNTED + 1})`).pluck();
  const receivedAt = db.prepare('SELECT e.received FROM span_blocks b JOIN envelopes e ON e.id = b.envelope_id WHERE b.id = ?').pluck();

  function summary(traceId: string): TraceSummary | null {
    // Iterated: the sum stops at the block holding the last span counted, not after 10,001 rows.
    const s = summarizeBlocks(blocks.iterate(traceId) as IterableIterator<BlockSummaryRow>, MAX_TRACE_SPANS + 1);
    if (!s) return null;
    const forms = traceIdForms(traceId);
    return {
      // A page load is listed by its page (Sentry's transaction name), not the SDK's span name "Pageload".
      traceId, projectId: s.root.project_id, rootName: s.pageName ?? s.root.root_name, rootOp: s.root.root_op, rootMissing: s.root.root_parentless === 0,
      startMs: s.startMs,
      durationMs: s.startMs !== null && s.endMs !== null ? Math.max(0, s.endMs - s.startMs) : null, spanCount: s.spanCount,
      errorCount: errorCount.get(...(forms ?? [traceId, traceId])) as number,
    };
  }

  /**
   * Traces by their newest span block, newest first. The cursor is the newest block id of the
   * last trace listed; a trace is listed on the page where its newest block falls, so never twice.
   */
  function list(q: { project?: number; limit: number; before?: number; query?: string }): Page<TraceSummary> {
    const project = q.project ?? null;
    // Traces in the order their newest block was met; a search keeps those one of whose blocks
    // (met in the scan) has a matching root candidate, read from the block rows themselves: a
    // summary per candidate trace took 650 ms over 50,000 blocks.
    const met: { traceId: string; newest: number }[] = [];
    const matched = new Set<string>();
    const listed = new Set<string>();
    // Free text and span filters (trace-search.ts); reading spans is bounded per page, then a cursor goes on.
    const search = traceSearchMatcher(db, parseTraceSearch(q.query?.trim() ?? ''));
    const seen = new Set<string>();
    let before = q.before ?? Number.MAX_SAFE_INTEGER;
    let scanned = 0;
    let end = false;
    let stopped = false;
    while (matched.size <= q.limit && scanned < LIST_SCAN && !stopped) {
      const rows = chunk.all({ before, project }) as BlockHead[];
      for (const r of rows) {
        scanned++;
        before = r.id;
        if (!seen.has(r.trace_id)) {
          seen.add(r.trace_id);
          if (q.before !== undefined && (newestOf.get({ trace: r.trace_id, project }) as number) >= q.before) continue;
          met.push({ traceId: r.trace_id, newest: r.id });
          listed.add(r.trace_id);
        }
        if (listed.has(r.trace_id) && !matched.has(r.trace_id) && search.matches(r)) {
          matched.add(r.trace_id);
          if (matched.size > q.limit) break;
        }
        if (!search.withinBudget) { stopped = true; break; }
      }
      if (rows.length < LIST_CHUNK && !stopped) { end = matched.size <= q.limit; break; }
    }
    const found = met.filter((m) => matched.has(m.traceId));
    const page = found.slice(0, q.limit);
    // The list is ordered by arrival, so each row also says when its newest spans arrived.
    const items = page.flatMap((f) => {
      const t = summary(f.traceId);
      return t ? [{ ...t, lastReceivedMs: (receivedAt.get(f.newest) as number | undefined) ?? null }] : [];
    });
    let nextCursor: string | null = null;
    if (found.length > q.limit) nextCursor = String(page.at(-1)!.newest);
    else if (!end && scanned > 0) nextCursor = String(before);
    return { items, nextCursor };
  }

  function errorsOf(ids: readonly [string, string]): TraceError[] {
    const rows = db.prepare(`SELECT id, event_id, issue_id, project_id, title, level, timestamp, kind, envelope_id, item_index,
      received, payload, payload_codec, grouping FROM events WHERE trace_id IN (?, ?) AND kind = 'event'
      ORDER BY timestamp, id LIMIT ${MAX_ERRORS}`).all(...ids) as (StoredEventRow & Record<string, unknown>)[];
    return rows.map((r, i) => {
      let spanId: string | null = null;
      if (i < ERRORS_WITH_SPAN) {
        try { spanId = spanIdOf(loadEventPayload(db, r)); } catch { /* raw envelope unreadable: no span link */ }
      }
      return {
        eventId: r.event_id as string, issueId: (r.issue_id as number | null) ?? null, projectId: r.project_id as number,
        title: r.title as string, level: (r.level as string | null) ?? null, timestamp: r.timestamp as number, spanId,
      };
    });
  }

  /** Everything stored of one trace; throws 404 when nothing is. */
  function detail(rawId: string): TraceDetail {
    const ids = traceIdForms(rawId);
    if (!ids) throw new HttpError(400, 'not a trace id (32 hex digits)');
    const rows = traceSpanRows(db, ids, MAX_TRACE_SPANS + 1);
    // The same span can arrive twice (an SDK retry); keep the first.
    const seen = new Set<string>();
    let budget = DATA_BUDGET;
    const spans = rows.slice(0, MAX_TRACE_SPANS).filter((r) => !r.span_id || (seen.has(r.span_id) ? false : (seen.add(r.span_id), true)))
      .map((r) => {
        budget -= r.data?.length ?? 0;
        return toSpan(r, budget >= 0);
      }).sort(byStart);
    const errors = errorsOf(ids);
    const errorCount = errors.length < MAX_ERRORS ? errors.length : cappedErrorCount.get(...ids) as number;
    const traceLogs = logs.ofTrace(ids);
    if (spans.length === 0 && errors.length === 0 && traceLogs.logs.length === 0) throw new HttpError(404, 'trace not captured');
    const starts = finite([...spans.map((s) => s.startMs), ...errors.map((e) => e.timestamp), traceLogs.firstMs]);
    const ends = finite([...spans.map((s) => s.endMs ?? s.startMs), ...errors.map((e) => e.timestamp), traceLogs.lastMs]);
    const startMs = starts.length ? starts.reduce((a, b) => Math.min(a, b)) : null;
    const endMs = ends.length ? ends.reduce((a, b) => Math.max(a, b)) : null;
    const spanStarts = finite(spans.map((s) => s.startMs));
    const spanEnds = finite(spans.map((s) => s.endMs ?? s.startMs));
    const spansMs = spanStarts.length && spanEnds.length
      ? Math.max(0, spanEnds.reduce((a, b) => Math.max(a, b)) - spanStarts.reduce((a, b) => Math.min(a, b))) : null;
    return {
      traceId: ids[0], projectIds: [...new Set([...spans.map((s) => s.projectId), ...errors.map((e) => e.projectId), ...traceLogs.projectIds])].sort((a, b) => a - b),
      startMs, endMs, durationMs: spansMs ?? (startMs !== null && endMs !== null ? endMs - startMs : null),
      spans, spansTruncated: rows.length > MAX_TRACE_SPANS, errors, errorCount, performanceIssues: performanceIssuesOf(ids, spans),
      logs: traceLogs.logs, logsTruncated: traceLogs.truncated,
      // Stored at ingest (a transaction's measurements too); read from the spans for blocks stored before migration 038.
      vitals: vitals.trace(ids) ?? traceVitalsFromSpans(spans),
    };
  }

  return { list, detail, summary };
}
