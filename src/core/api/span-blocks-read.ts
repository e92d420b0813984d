/**
 * Reads spans back out of `span_blocks` (one row per envelope, trace and transaction, the spans
 * in one compressed blob): the spans of a trace in the order they were stored, and a trace's
 * summary from the block columns alone.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { DB } from '../store/db';
import { decodeSpanBlock } from '../store/span-block-format';

/** One span as the trace API reads it. */
export interface SpanRow {
  project_id: number; span_id: string | null; parent_span_id: string | null; transaction_event_id: string | null;
  op: string | null; name: string | null; status: string | null; start_ms: number | null; end_ms: number | null; data: string | null;
}

interface BlockRow { project_id: number; transaction_event_id: string | null; spans: unknown; codec: unknown }

/**
 * The first `limit` spans stored for a trace (under any of `ids`), oldest block first and each
 * block's spans as sent. `=` when both forms are one string: the index then yields blocks in id
 * order, without a sort.
 */
export function traceSpanRows(db: DB, ids: readonly [string, string], limit: number): SpanRow[] {
  const same = ids[0] === ids[1];
  const stmt = db.prepare(`SELECT project_id, transaction_event_id, spans, codec FROM span_blocks
    WHERE ${same ? 'trace_id = ?' : 'trace_id IN (?, ?)'} ORDER BY id LIMIT ${limit}`);
  const rows: SpanRow[] = [];
  for (const block of stmt.iterate(...(same ? [ids[0]] : ids)) as IterableIterator<BlockRow>) {
    for (const [spanId, parent, op, name, status, start, end, data] of decodeSpanBlock(block.spans, block.codec)) {
      if (rows.length >= limit) break;
      rows.push({ project_id: block.project_id, span_id: spanId, parent_span_id: parent, transaction_event_id: block.transaction_event_id,
        op, name, status, start_ms: start, end_ms: end, data });
    }
    if (rows.length >= limit) break;
  }
  return rows;
}

/** The columns of a block the trace list reads. */
export interface BlockSummaryRow {
  id: number; project_id: number; span_count: number; start_ms: number | null; end_ms: number | null;
  root_parentless: number; root_op: string | null; root_name: string | null; root_start_ms: number | null;
}

export interface BlocksSummary {
  /** The block holding the trace's root: a parentless span, else the earliest, else the first. */
  root: BlockSummaryRow;
  spanCount: number; startMs: number | null; endMs: number | null;
}

/** Whether block `a`'s root candidate comes before `b`'s (SQLite's order: a missing start first). */
function rootBefore(a: BlockSummaryRow, b: BlockSummaryRow): boolean {
  if (a.root_parentless !== b.root_parentless) return a.root_parentless > b.root_parentless;
  if (a.root_start_ms !== b.root_start_ms) {
    if (a.root_start_ms === null || b.root_start_ms === null) return a.root_start_ms === null;
    return a.root_start_ms < b.root_start_ms;
  }
  return a.id < b.id;
}

/**
 * Sums a trace's blocks (in id order) up to the block holding its `limit`-th span: the count is
 * capped at `limit`, and the times and root come from the blocks counted.
 */
export function summarizeBlocks(blocks: readonly BlockSummaryRow[], limit: number): BlocksSummary | null {
  let root: BlockSummaryRow | null = null;
  let spanCount = 0;
  let startMs: number | null = null;
  let endMs: number | null = null;
  for (const b of blocks) {
    if (spanCount >= limit) break;
    spanCount += b.span_count;
    if (!root || rootBefore(b, root)) root = b;
    if (b.start_ms !== null && (startMs === null || b.start_ms < startMs)) startMs = b.start_ms;
    if (b.end_ms !== null && (endMs === null || b.end_ms > endMs)) endMs = b.end_ms;
  }
  return root ? { root, spanCount: Math.min(spanCount, limit), startMs, endMs } : null;
}
