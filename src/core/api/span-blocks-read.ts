/**
 * Reads spans back for `span_blocks` rows (one per envelope item and trace, with the trace list's
 * summary in columns): a block's spans are read again from its envelope item, as prepare read
 * them; blocks migrated from the older per-span rows hold theirs in a blob. Also sums a trace's
 * blocks for the list from the columns alone.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import { spanData, spanHead } from '../pipeline/prepare-event';
import { itemSpanSources } from '../pipeline/span-sources';
import type { DB } from '../store/db';
import { decodeSpanBlock } from '../store/span-block-format';
import { storedEnvelopeReader } from './stored-envelope';

/** One span as the trace API reads it. */
export interface SpanRow {
  project_id: number; span_id: string | null; parent_span_id: string | null; transaction_event_id: string | null;
  op: string | null; name: string | null; status: string | null; start_ms: number | null; end_ms: number | null; data: string | null;
}

export interface BlockRow {
  project_id: number; envelope_id: number; item_index: number | null; trace_id: string | null; transaction_event_id: string | null;
  spans: unknown; codec: unknown;
}

/**
 * The spans (as sent) of a block's envelope item, read from the stored request. Only the last
 * envelope is kept decoded: a trace's blocks from one envelope are stored, and so read, together.
 * A request that cannot be read (StoredBodyError, a damaged body, an item that is not JSON)
 * yields no spans, so only its blocks go missing from the trace.
 */
export function itemSpanReader(db: DB) {
  const envelopeOf = storedEnvelopeReader(db);
  let last: { id: number; items: Map<number, unknown[]> } | null = null;
  return (envelopeId: number, itemIndex: number): unknown[] => {
    if (last?.id !== envelopeId) last = { id: envelopeId, items: new Map() };
    let sources = last.items.get(itemIndex);
    if (!sources) {
      try {
        const { envelope, received } = envelopeOf(envelopeId);
        sources = envelope ? itemSpanSources(envelope, itemIndex, received) : [];
      } catch { sources = []; } // unreadable: its blocks have no spans
      last.items.set(itemIndex, sources);
    }
    return sources;
  };
}

/** The spans of a migrated block, from its blob. */
export function blobRows(block: BlockRow): SpanRow[] {
  return decodeSpanBlock(block.spans, block.codec).map(([spanId, parent, op, name, status, start, end, data]) => ({
    project_id: block.project_id, span_id: spanId, parent_span_id: parent, transaction_event_id: block.transaction_event_id,
    op, name, status, start_ms: start, end_ms: end, data,
  }));
}

/**
 * The first `limit` spans stored for a trace (under any of `ids`), oldest block first and each
 * block's spans as sent. `=` when both forms are one string: the index then yields blocks in id
 * order, without a sort.
 */
export function traceSpanRows(db: DB, ids: readonly [string, string], limit: number): SpanRow[] {
  const same = ids[0] === ids[1];
  const stmt = db.prepare(`SELECT project_id, envelope_id, item_index, trace_id, transaction_event_id, spans, codec FROM span_blocks
    WHERE ${same ? 'trace_id = ?' : 'trace_id IN (?, ?)'} ORDER BY id LIMIT ${limit}`);
  const readItem = itemSpanReader(db);
  const rows: SpanRow[] = [];
  for (const block of stmt.iterate(...(same ? [ids[0]] : ids)) as IterableIterator<BlockRow>) {
    if (block.spans !== null || block.item_index === null) {
      rows.push(...blobRows(block).slice(0, limit - rows.length));
    } else {
      for (const raw of readItem(block.envelope_id, block.item_index)) {
        if (rows.length >= limit) break;
        const s = spanHead(raw);
        if (s.traceId !== block.trace_id) continue;
        let data: string | null;
        // Data nested too deep to serialise (prepare kept such an item without its spans before blocks summarised them).
        try { data = spanData(raw); } catch { data = null; }
        rows.push({ project_id: block.project_id, span_id: s.spanId, parent_span_id: s.parentSpanId, transaction_event_id: block.transaction_event_id,
          op: s.op, name: s.name, status: s.status, start_ms: s.startMs, end_ms: s.endMs, data });
      }
    }
    if (rows.length >= limit) break;
  }
  return rows;
}

/** The columns of a block the trace list reads. */
export interface BlockSummaryRow {
  id: number; project_id: number; span_count: number; start_ms: number | null; end_ms: number | null;
  root_parentless: number; root_op: string | null; root_name: string | null; root_start_ms: number | null;
  /** The page a page-load or navigation root in the block names (migration 038); absent in older queries. */
  page_name?: string | null;
}

export interface BlocksSummary {
  /** The block holding the trace's root: a parentless span, else the earliest, else the first. */
  root: BlockSummaryRow;
  spanCount: number; startMs: number | null; endMs: number | null;
  /** The page the trace's page load names: the root block's, else the first block's that names one. */
  pageName: string | null;
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
export function summarizeBlocks(blocks: Iterable<BlockSummaryRow>, limit: number): BlocksSummary | null {
  let root: BlockSummaryRow | null = null;
  let spanCount = 0;
  let startMs: number | null = null;
  let endMs: number | null = null;
  let firstPage: string | null = null;
  for (const b of blocks) {
    if (spanCount >= limit) break;
    spanCount += b.span_count;
    firstPage ??= b.page_name ?? null;
    if (!root || rootBefore(b, root)) root = b;
    if (b.start_ms !== null && (startMs === null || b.start_ms < startMs)) startMs = b.start_ms;
    if (b.end_ms !== null && (endMs === null || b.end_ms > endMs)) endMs = b.end_ms;
  }
  return root ? { root, spanCount: Math.min(spanCount, limit), startMs, endMs, pageName: root.page_name ?? firstPage } : null;
}
