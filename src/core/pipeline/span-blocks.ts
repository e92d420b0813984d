import { readAttributes, stringAttribute } from '../ingest/telemetry-attributes';
import { httpSpanName } from '../performance/segment-name';
import { blockVitals } from '../performance/web-vitals';
import { spanData, spanHead } from './prepare-event';
import type { SpanBlockRow, SpanHead } from './types';

interface Sent { head: SpanHead; raw: unknown }

/**
 * Whether `a` is a better root than `b`, by the order the trace list has always used: a span
 * without a parent first, then the earliest start (a missing start sorts first, as NULL does in
 * SQLite); on a tie the one sent first stays.
 */
function betterRoot(a: SpanHead, b: SpanHead): boolean {
  const aChild = a.parentSpanId !== null;
  const bChild = b.parentSpanId !== null;
  if (aChild !== bChild) return bChild;
  if (a.startMs === b.startMs || b.startMs === null) return false;
  return a.startMs === null || a.startMs < b.startMs;
}

/** The op the read API shows: the field, else the `sentry.op` attribute (v1 `data` or v2 `attributes`). */
function opOf(span: Sent): string | null {
  return span.head.op ?? stringAttribute(readAttributes(spanData(span.raw)), 'sentry.op');
}

function toBlock(itemIndex: number, traceId: string | null, spans: readonly Sent[], transactionEventId: string | null): SpanBlockRow {
  let root = spans[0]!;
  let start: number | null = null;
  let end: number | null = null;
  for (const s of spans) {
    const { startMs, endMs } = s.head;
    if (betterRoot(s.head, root.head)) root = s;
    if (startMs !== null && (start === null || startMs < start)) start = startMs;
    const last = endMs ?? startMs;
    if (last !== null && (end === null || last > end)) end = last;
  }
  return {
    item_index: itemIndex, trace_id: traceId, transaction_event_id: transactionEventId, span_count: spans.length, start_ms: start,
    end_ms: end, root_parentless: root.head.parentSpanId === null ? 1 : 0, root_span_id: root.head.spanId, root_op: opOf(root),
    // A streamed request's root is named by its method alone ("GET"): listed as Relay names it, "GET /api/orders".
    root_name: httpSpanName(root.raw, root.head.name) ?? root.head.name, root_start_ms: root.head.startMs,
    // The page a page load names and the web vitals its spans carry (the Web Vitals view reads these).
    ...blockVitals(spans),
  };
}

/**
 * Groups the spans of item `itemIndex` (as sent, see span-sources.ts) by trace id into
 * `span_blocks` rows that summarise them; the spans stay in the stored request, where the trace
 * API reads them again. Blocks come in the order of their last span, so a trace's newest block
 * is the one holding its newest span, as the trace list orders traces.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
export function spanBlocks(sources: readonly unknown[], transactionEventId: string | null, itemIndex: number): SpanBlockRow[] {
  const byTrace = new Map<string | null, { spans: Sent[]; last: number }>();
  sources.forEach((raw, i) => {
    const head = spanHead(raw);
    const block = byTrace.get(head.traceId);
    if (block) {
      block.spans.push({ head, raw });
      block.last = i;
    } else {
      byTrace.set(head.traceId, { spans: [{ head, raw }], last: i });
    }
  });
  return [...byTrace].sort((a, b) => a[1].last - b[1].last).map(([traceId, b]) => toBlock(itemIndex, traceId, b.spans, transactionEventId));
}
