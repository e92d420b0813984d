/**
 * A real @sentry/node app in its own process whose `GET /authors` handler has two N+1s in one
 * transaction: each author's posts a query at a time, then each comment's user a query at a time
 * (`Sentry.startSpan` with op `db`), sent as one transaction event (`traceLifecycle: 'static'`).
 * Prints the trace id and the transaction's root span id.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/instrumentation/custom-instrumentation/
 */
import { run } from './sentry-node-traces';

export const POSTS_QUERY = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';
export const USERS_QUERY = 'SELECT "users".* FROM "users" WHERE "users"."id" = $1';

export async function twoNPlusOnesRequest(dsn: string): Promise<{ traceId: string; rootSpanId: string }> {
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, traceLifecycle: 'static', release: 'blog@2.1.0', defaultIntegrations: false });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = {};
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
  out.traceId = root.spanContext().traceId;
  out.rootSpanId = root.spanContext().spanId;
  await Sentry.startSpan({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db' }, () => sleep(3));
  for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: ${JSON.stringify(POSTS_QUERY)}, op: 'db' }, () => sleep(10));
  await Sentry.startSpan({ name: 'SELECT "comments".* FROM "comments" LIMIT 10', op: 'db' }, () => sleep(3));
  for (let i = 0; i < 6; i++) await Sentry.startSpan({ name: ${JSON.stringify(USERS_QUERY)}, op: 'db' }, () => sleep(10));
}));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`;
  const { traceId, rootSpanId } = await run(source);
  if (!traceId || !rootSpanId) throw new Error('the @sentry/node app printed no trace or span id');
  return { traceId, rootSpanId };
}
