import { readAttributes, stringAttribute } from '../api/telemetry-attributes';
import { encodeSpanBlock, type StoredSpan } from '../store/span-block-format';
import type { PreparedSpan, SpanBlockRow } from './types';

/**
 * Whether `a` is a better root than `b`, by the order the trace list has always used: a span
 * without a parent first, then the earliest start (a missing start sorts first, as NULL does in
 * SQLite); on a tie the one sent first stays.
 */
function betterRoot(a: PreparedSpan, b: PreparedSpan): boolean {
  const aChild = a.parentSpanId !== null;
  const bChild = b.parentSpanId !== null;
  if (aChild !== bChild) return bChild;
  if (a.startMs === b.startMs || b.startMs === null) return false;
  return a.startMs === null || a.startMs < b.startMs;
}

/** The op the read API shows: the field, else the `sentry.op` attribute (v1 `data` or v2 `attributes`). */
function opOf(span: PreparedSpan): string | null {
  return span.op ?? stringAttribute(readAttributes(span.data), 'sentry.op');
}

function toBlock(traceId: string | null, spans: readonly PreparedSpan[], transactionEventId: string | null): SpanBlockRow {
  let root = spans[0]!;
  let start: number | null = null;
  let end: number | null = null;
  const stored: StoredSpan[] = [];
  for (const s of spans) {
    if (betterRoot(s, root)) root = s;
    if (s.startMs !== null && (start === null || s.startMs < start)) start = s.startMs;
    const last = s.endMs ?? s.startMs;
    if (last !== null && (end === null || last > end)) end = last;
    stored.push([s.spanId, s.parentSpanId, s.op, s.name, s.status, s.startMs, s.endMs, s.data]);
  }
  const packed = encodeSpanBlock(stored);
  return {
    trace_id: traceId, transaction_event_id: transactionEventId, span_count: spans.length, start_ms: start, end_ms: end,
    root_parentless: root.parentSpanId === null ? 1 : 0, root_span_id: root.spanId, root_op: opOf(root), root_name: root.name,
    root_start_ms: root.startMs, spans: packed.data, codec: packed.codec,
  };
}

/**
 * Groups one item's spans by trace id into `span_blocks` rows, each compressed here (on the
 * prepare worker). Blocks come in the order of their last span, so a trace's newest block is the
 * one holding its newest span, as the trace list orders traces.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
export function spanBlocks(spans: readonly PreparedSpan[], transactionEventId: string | null): SpanBlockRow[] {
  const byTrace = new Map<string | null, { spans: PreparedSpan[]; last: number }>();
  spans.forEach((span, i) => {
    const block = byTrace.get(span.traceId);
    if (block) {
      block.spans.push(span);
      block.last = i;
    } else {
      byTrace.set(span.traceId, { spans: [span], last: i });
    }
  });
  return [...byTrace].sort((a, b) => a[1].last - b[1].last).map(([traceId, b]) => toBlock(traceId, b.spans, transactionEventId));
}
