/**
 * A real @sentry/node app in its own process with the SDK's default span streaming (no
 * `traceLifecycle`: the request's spans go as a span v2 item, not as a transaction event). Its
 * `GET /authors` handler runs an N+1 (the authors, then each one's posts a query at a time); its
 * `GET /reports` handler a 650 ms query, timed by the SDK's own `startTime` and `end(time)`.
 * Prints each request's trace id and root span id.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/span-streaming/
 */
import { run } from './sentry-node-traces';

export const STREAMED_POSTS_QUERY = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';
export const STREAMED_SLOW_QUERY = 'SELECT * FROM "sales" WHERE "year" = 2024';

export async function streamedRequests(dsn: string): Promise<{ traceId: string; rootSpanId: string; slowTraceId: string }> {
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'blog@5.0.0', defaultIntegrations: false });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = {};
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
  out.traceId = root.spanContext().traceId;
  out.rootSpanId = root.spanContext().spanId;
  await Sentry.startSpan({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db' }, () => sleep(3));
  for (let i = 0; i < 8; i++) await Sentry.startSpan({ name: ${JSON.stringify(STREAMED_POSTS_QUERY)}, op: 'db' }, () => sleep(10));
}));
const at = Date.now() - 1000;
Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /reports', op: 'http.server', startTime: at }, (root) => {
  out.slowTraceId = root.spanContext().traceId;
  Sentry.startSpanManual({ name: ${JSON.stringify(STREAMED_SLOW_QUERY)}, op: 'db', startTime: at + 5 }, (span) => span.end(at + 655));
}));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`;
  const { traceId, rootSpanId, slowTraceId } = await run(source);
  if (!traceId || !rootSpanId || !slowTraceId) throw new Error('the @sentry/node app printed no trace or span id');
  return { traceId, rootSpanId, slowTraceId };
}

export const NESTED_ITEMS_QUERY = 'SELECT * FROM order_items WHERE order_id = $1';
export const ORPHAN_PARENT_SPAN = '89abcdef01234567';
export const CHECKOUT_ERROR = 'Card declined: insufficient funds';

/**
 * A real `node:http` server instrumented by @sentry/node's own Http integration, streaming its
 * spans (the v11 default), as an app runs it: the SDK names each request's root span by its
 * method alone (`GET`, source `url`) and sends a span when it ends, so the seven `order_items`
 * queries, under a `load orders` child, go before that child and the root last. `GET /api/orders`
 * runs that N+1; `POST /api/checkout` is called with a `sentry-trace` header whose parent span
 * (`ORPHAN_PARENT_SPAN`, a browser's that never sends) is never received, and captures
 * `CHECKOUT_ERROR` in its `price cart` span.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/span-streaming/
 */
export async function streamedHttpOrders(dsn: string): Promise<{ ordersTraceId: string; orphanTraceId: string }> {
  const orphanTraceId = '0123456789abcdef0123456789abcdef';
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'shop@3.0.0', defaultIntegrations: false, integrations: [Sentry.httpIntegration()] });
const http = await import('node:http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const db = (query, ms) => Sentry.startSpan({ name: query, op: 'db', attributes: { 'db.system': 'postgresql' } }, () => sleep(ms));
const out = {};
const server = http.createServer(async (req, res) => {
  if (req.url === '/api/orders') {
    out.ordersTraceId = Sentry.getActiveSpan()?.spanContext().traceId;
    await Sentry.startSpan({ name: 'load orders', op: 'function' }, async () => {
      await db('SELECT * FROM orders WHERE user_id = $1 LIMIT 10', 5);
      for (let i = 0; i < 7; i++) await db(${JSON.stringify(NESTED_ITEMS_QUERY)}, 12);
    });
  } else {
    await db('SELECT * FROM carts WHERE id = $1', 5);
    await Sentry.startSpan({ name: 'price cart', op: 'function' }, async () => {
      await db('SELECT price FROM products WHERE id = ANY($1)', 5);
      Sentry.captureException(new Error(${JSON.stringify(CHECKOUT_ERROR)}));
    });
  }
  res.end('{}');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = 'http://127.0.0.1:' + server.address().port;
// Global fetch: the Http integration traces only the server side, so each request is its own segment.
await (await fetch(base + '/api/orders')).text();
await (await fetch(base + '/api/checkout', { method: 'POST', headers: { 'sentry-trace': '${orphanTraceId}-${ORPHAN_PARENT_SPAN}-1' } })).text();
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
server.close();
process.stdout.write(JSON.stringify(out));
`;
  const { ordersTraceId } = await run(source);
  if (!ordersTraceId) throw new Error('the @sentry/node app printed no trace id');
  return { ordersTraceId, orphanTraceId };
}
