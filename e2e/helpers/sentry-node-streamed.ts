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
