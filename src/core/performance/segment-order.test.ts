import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import { containerSpans, transactionOf } from '../pipeline/test-span-envelopes';
import { performanceOccurrences } from '../pipeline/prepare-event';
import { prepareSegments } from '../pipeline/prepare-segments';
import { spansInStartOrder } from './segment-order';

const ITEMS = 'SELECT * FROM order_items WHERE order_id = $1';
const AUTHOR = 'SELECT * FROM "authors" WHERE "id" = $1';

/**
 * What @sentry/node 11 sends for one request whose queries run under a `load orders` child span
 * (kept by an in-memory transport): streamed, each span goes when it ends, so the queries come
 * before their parent and the root last.
 */
async function ordersEnvelope(lifecycle: 'stream' | 'static'): Promise<Buffer> {
  const sent: Buffer[] = [];
  Sentry.init({
    dsn: 'http://k@127.0.0.1:1/1', tracesSampleRate: 1, defaultIntegrations: false, release: 'shop@1.0.0', traceLifecycle: lifecycle,
    transport: (options) => Sentry.createTransport(options, async (request) => { sent.push(Buffer.from(request.body)); return { statusCode: 200 }; }),
  });
  const at = Date.now() - 2000;
  const query = (name: string, from: number, ms: number) => Sentry.startSpanManual({ name, op: 'db', startTime: at + from }, (s) => s.end(at + from + ms));
  Sentry.startNewTrace(() => Sentry.startSpanManual({ name: 'GET /api/orders', op: 'http.server', startTime: at }, (root) => {
    Sentry.startSpanManual({ name: 'load orders', op: 'function', startTime: at + 1 }, (parent) => {
      query('SELECT * FROM orders WHERE user_id = $1 LIMIT 10', 2, 10);
      for (let i = 0; i < 7; i++) query(ITEMS, 13 + i * 16, 15);
      parent.end(at + 130);
    });
    // MN+1: an author query and a render step, three times, under a `render` child.
    Sentry.startSpanManual({ name: 'render', op: 'function', startTime: at + 131 }, (parent) => {
      for (let i = 0; i < 3; i++) {
        query(AUTHOR, 132 + i * 40, 30);
        Sentry.startSpanManual({ name: 'render author', op: 'ui.render', startTime: at + 163 + i * 40 }, (s) => s.end(at + 170 + i * 40));
      }
      parent.end(at + 260);
    });
    // Consecutive DB: a dependent query, then two independent ones, one after another, under a `report` child.
    Sentry.startSpanManual({ name: 'report', op: 'function', startTime: at + 261 }, (parent) => {
      query('SELECT * FROM users WHERE id = $1', 262, 100);
      query('SELECT COUNT(*) FROM sales', 363, 200);
      query('SELECT COUNT(*) FROM refunds', 564, 200);
      parent.end(at + 770);
    });
    root.end(at + 800);
  }));
  await Sentry.close(5000);
  if (!sent[0]) throw new Error('@sentry/node sent nothing');
  return sent[0];
}

describe('a streamed segment is detected whatever order its spans came in', () => {
  it('finds under child spans the N+1, MN+1 and consecutive DB problems the same request has as a transaction', async () => {
    const streamed = containerSpans(await ordersEnvelope('stream'));
    // As the SDK streams them: a query before its parent, the root last.
    const sentIds = streamed.map((s) => s.span_id);
    const loadOrders = streamed.find((s) => s.name === 'load orders');
    expect(sentIds.indexOf(loadOrders!.span_id)).toBeGreaterThan(sentIds.indexOf(streamed.find((s) => s.name === ITEMS)!.span_id));
    expect(streamed.at(-1)!.is_segment).toBe(true);

    const asTransaction = performanceOccurrences(transactionOf(await ordersEnvelope('static')));
    const [part] = prepareSegments(streamed, 0);
    const problems = part?.event?.performance ?? [];
    expect(problems.map((p) => p.title.title).sort()).toEqual(['Consecutive DB Queries', 'N+1 Query', 'N+1 Query']);
    expect(asTransaction).toHaveLength(3);
    expect(problems.map((p) => p.fingerprint).sort()).toEqual(asTransaction.map((p) => p.fingerprint).sort());
    // Shuffled (a segment put together from several envelopes), the same problems come out.
    const reversed = prepareSegments([...streamed].reverse(), 0)[0]?.event?.performance ?? [];
    expect(reversed.map((p) => p.fingerprint).sort()).toEqual(asTransaction.map((p) => p.fingerprint).sort());
  });

  it('orders by start, a parent before a child that starts with it', () => {
    const spans = [
      { span_id: 'c', parent_span_id: 'b', start_timestamp: 1 },
      { span_id: 'd', parent_span_id: 'a', start_timestamp: 2 },
      { span_id: 'b', parent_span_id: 'a', start_timestamp: 1 },
      { span_id: 'e', parent_span_id: 'a' },
    ];
    expect(spansInStartOrder(spans).map((s) => s.span_id)).toEqual(['b', 'c', 'd', 'e']);
  });
});
