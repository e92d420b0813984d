/**
 * A real @sentry/node app in its own process whose `GET /authors` handler has an N+1: one query
 * for the authors, then the same parameterised query once per author (`Sentry.startSpan` with op
 * `db`), sent as a transaction event (`traceLifecycle: 'static'`). Prints the transaction's trace id.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/instrumentation/custom-instrumentation/
 */
import { run } from './sentry-node-traces';

export async function nPlusOneRequest(dsn: string, opts: { query: string; authors: number; queryMs: number }): Promise<{ traceId: string }> {
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, traceLifecycle: 'static', release: 'blog@2.0.0', defaultIntegrations: false });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let traceId = '';
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server' }, async (root) => {
  traceId = root.spanContext().traceId;
  await Sentry.startSpan({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db' }, () => sleep(3));
  for (let i = 0; i < ${opts.authors}; i++) await Sentry.startSpan({ name: ${JSON.stringify(opts.query)}, op: 'db' }, () => sleep(${opts.queryMs}));
}));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify({ traceId }));
`;
  const { traceId } = await run(source);
  if (!traceId) throw new Error('the @sentry/node app printed no trace id');
  return { traceId };
}
