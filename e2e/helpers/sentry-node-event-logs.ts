/**
 * A real @sentry/node app (its own process, via `run`) that logs around an error in one trace, as a
 * request handler does: `Sentry.logger` lines, the captured error, then the lines that followed it.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/logs/
 */
import { run } from './sentry-node-traces';

function program(dsn: string, body: string): string {
  return `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'orders@2.0.0', defaultIntegrations: false });
const out = {};
const tick = () => new Promise((r) => setTimeout(r, 3));
${body}
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`;
}

export interface ErrorAmongLogs { traceId: string; errorId: string }

/**
 * `POST /orders`: `before` info lines (`step N of the order`, attribute `step`), a warning, the
 * captured `Error('card declined for order 77')`, then `after` lines (`cleanup N`).
 */
export async function errorAmongLogs(dsn: string, before: number, after: number): Promise<ErrorAmongLogs> {
  const out = await run(program(dsn, `
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'POST /orders', op: 'http.server' }, async () => {
  for (let i = 1; i <= ${before}; i++) { Sentry.logger.info('step ' + i + ' of the order', { step: i, customer: 'c-9' }); await tick(); }
  Sentry.logger.warn('card check slow', { ms: 812 });
  await tick();
  out.errorId = Sentry.captureException(new Error('card declined for order 77'));
  for (let i = 1; i <= ${after}; i++) { await tick(); Sentry.logger.info('cleanup ' + i); }
  out.traceId = Sentry.getActiveSpan().spanContext().traceId;
}));
`));
  if (!out.traceId || !out.errorId) throw new Error(`no trace or error id from the app: ${JSON.stringify(out)}`);
  return { traceId: out.traceId, errorId: out.errorId };
}

/** A later request of the same trace (a propagated `sentry-trace`) that logs `body` at `level`. */
export async function logInTrace(dsn: string, traceId: string, level: 'info' | 'error', body: string): Promise<void> {
  await run(program(dsn, `
Sentry.continueTrace({ sentryTrace: '${traceId}-1a2b3c4d5e6f7081-1', baggage: undefined },
  () => Sentry.startSpan({ name: 'POST /orders/retry', op: 'http.server' }, () => { Sentry.logger.${level}(${JSON.stringify(body)}, { retry: true }); }));
`));
}
