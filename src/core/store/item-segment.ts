/**
 * What the Stream shows for a span item: its segment (the transaction a streamed span tree
 * belongs to), read from the `span_blocks` rows the item was summarised into. A container of
 * spans is titled "10 spans", which names nothing; its root span's name, op, duration and trace
 * do. When an item holds spans of several traces, the block with a parentless root (a segment
 * root) and then the most spans stands for it.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { ItemSummary } from '../../shared/api-types';

type Segment = NonNullable<ItemSummary['segment']>;

/** A column for `SELECT … FROM items`: `[name, op, start, end, trace, spans]` as JSON for a span item, else null. */
export const ITEM_SEGMENT_COLUMN = `CASE WHEN items.kind = 'span' THEN (
  SELECT json_array(b.root_name, b.root_op, b.start_ms, b.end_ms, b.trace_id,
    (SELECT sum(s.span_count) FROM span_blocks s WHERE s.envelope_id = items.envelope_id AND s.item_index = items.item_index))
  FROM span_blocks b WHERE b.envelope_id = items.envelope_id AND b.item_index = items.item_index
  ORDER BY b.root_parentless DESC, b.span_count DESC, b.id LIMIT 1
) END AS segment`;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function segmentOf(name: unknown, op: unknown, start: unknown, end: unknown, traceId: unknown, spanCount: unknown): Segment {
  const s = num(start);
  const e = num(end);
  return { name: text(name), op: text(op), durationMs: s !== null && e !== null && e >= s ? e - s : null, traceId: text(traceId), spanCount: num(spanCount) ?? 0 };
}

/** The segment of the blocks just written for one item (the same choice as {@link ITEM_SEGMENT_COLUMN}). */
export function segmentOfBlocks(rows: readonly Record<string, unknown>[]): Segment | undefined {
  let best: Record<string, unknown> | undefined;
  let spans = 0;
  for (const row of rows) {
    spans += num(row.span_count) ?? 0;
    const better = !best || Number(row.root_parentless) > Number(best.root_parentless)
      || (Number(row.root_parentless) === Number(best.root_parentless) && Number(row.span_count) > Number(best.span_count));
    if (better) best = row;
  }
  return best ? segmentOf(best.root_name, best.root_op, best.start_ms, best.end_ms, best.trace_id, spans) : undefined;
}

/** Reads the column {@link ITEM_SEGMENT_COLUMN}. */
export function segmentColumn(v: unknown): Segment | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const [name, op, start, end, traceId, spanCount] = JSON.parse(v) as unknown[];
    return segmentOf(name, op, start, end, traceId, spanCount);
  } catch { return undefined; }
}
