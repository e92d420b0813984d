import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from './prepare-envelope';
import { itemSpanSources } from './span-sources';
import { containerSpans, sentSpanEnvelopes, spanContainer, toSpan, transactionOf } from './test-span-envelopes';
import type { EnvelopePlan, SpanBlockRow } from './types';

const RECEIVED = 1_800_000_000_000;

function plan(body: Buffer): Promise<EnvelopePlan> {
  const request = { received: RECEIVED, route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  return prepareEnvelope(parseEnvelope(body), request, 1, null);
}

function blocksOfItem(p: EnvelopePlan): SpanBlockRow[] {
  const item = p.items[0];
  if (item?.type !== 'rows' || item.table !== 'span_blocks') throw new Error('not a span item');
  return item.rows as SpanBlockRow[];
}

/** The spans of `block` as the trace API reads them again from the envelope the block was made of. */
const spansOf = (body: Buffer, block: SpanBlockRow) =>
  itemSpanSources(parseEnvelope(body), block.item_index, RECEIVED).map((s) => toSpan(s)).filter((s) => s.traceId === block.trace_id);

describe('span blocks', () => {
  it('stores a container mixing two traces as two blocks, ordered by their last span', async () => {
    const [a, b] = await sentSpanEnvelopes([{ root: 'GET /cart', op: 'http.server', children: 3 },
      { root: 'GET /pay', op: 'http.server', children: 2 }]);
    const spansA = containerSpans(a!);
    const spansB = containerSpans(b!);
    // B's spans end before A's last one: B's block comes first, as its newest span is older.
    const mixed = [spansA[0], ...spansB, ...spansA.slice(1)];
    const body = spanContainer(parseEnvelope(a!).headers, mixed);
    const p = await plan(body);
    const blocks = blocksOfItem(p);
    expect(p.items[0]?.type === 'rows' && p.items[0].title).toBe('7 spans');
    expect(blocks.map((x) => [x.trace_id, x.span_count, x.item_index])).toEqual([[spansB[0]!.trace_id, 3, 0], [spansA[0]!.trace_id, 4, 0]]);
    const [blockB, blockA] = blocks;
    expect(spansOf(body, blockA!)).toEqual(spansA.map((s) => toSpan(s)));
    expect(spansOf(body, blockB!)).toEqual(spansB.map((s) => toSpan(s)));
    const seconds = (s: Record<string, unknown>, k: string) => (s[k] as number) * 1000;
    expect(blockA).toMatchObject({
      transaction_event_id: null, root_parentless: 1, root_name: 'GET /cart', root_op: 'http.server',
      start_ms: Math.min(...spansA.map((s) => seconds(s, 'start_timestamp'))), end_ms: Math.max(...spansA.map((s) => seconds(s, 'end_timestamp'))),
    });
    const rootA = spansA.find((s) => s.parent_span_id === undefined || s.parent_span_id === null);
    expect(blockA!.root_span_id).toBe(rootA?.span_id);
    expect(blockA!.root_start_ms).toBe(seconds(rootA!, 'start_timestamp'));
  });

  it('takes a block without a parentless span by its earliest span as root', async () => {
    const [a] = await sentSpanEnvelopes([{ root: 'GET /orders', op: 'http.server', children: 4 }]);
    const children = containerSpans(a!).filter((s) => typeof s.parent_span_id === 'string');
    const earliest = children.reduce((x, y) => ((y.start_timestamp as number) < (x.start_timestamp as number) ? y : x));
    const [block] = blocksOfItem(await plan(spanContainer(parseEnvelope(a!).headers, [...children].reverse())));
    expect(block).toMatchObject({ span_count: 4, root_parentless: 0, root_span_id: earliest.span_id, root_op: 'db.query' });
  });

  it("keeps a transaction's spans, its root from the trace context, as one block naming the transaction", async () => {
    const [body] = await sentSpanEnvelopes([{ root: 'GET /checkout', op: 'http.server', children: 3 }], 'static');
    const event = transactionOf(body!);
    const p = await plan(body!);
    expect(p.spans).toHaveLength(1);
    const block = p.spans[0]!;
    expect(block).toMatchObject({ trace_id: event.contexts?.trace?.trace_id, transaction_event_id: event.event_id, span_count: 4,
      root_parentless: 1, root_name: 'GET /checkout', root_op: 'http.server', root_span_id: event.contexts?.trace?.span_id });
    expect(block.item_index).toBe(0);
    expect(spansOf(body!, block).map((s) => s.name)).toEqual(['GET /checkout', 'GET /checkout step 0', 'GET /checkout step 1', 'GET /checkout step 2']);
  });

  it('keeps only the summary of a 50-span container: the spans stay in the envelope', async () => {
    const [body] = await sentSpanEnvelopes([{ root: 'GET /search', op: 'http.server', children: 49 }]);
    const [block, ...rest] = blocksOfItem(await plan(body!));
    expect(rest).toEqual([]);
    expect(Object.keys(block!).sort()).toEqual(['end_ms', 'item_index', 'root_name', 'root_op', 'root_parentless', 'root_span_id',
      'root_start_ms', 'span_count', 'start_ms', 'trace_id', 'transaction_event_id']);
    expect(block).toMatchObject({ span_count: 50, item_index: 0, root_name: 'GET /search' });
    expect(spansOf(body!, block!).map((s) => s.spanId)).toEqual(containerSpans(body!).map((s) => s.span_id));
  });
});
