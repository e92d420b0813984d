/**
 * A real @sentry/node app in its own process: one request (`GET /reports/big`) that runs the same
 * query 150 times (`Sentry.startSpan` in a loop, each span given its own 2 ms by the SDK's
 * `startTime` and `end(time)`), captures an error in the 78th, renders, and writes a log 0.7 s
 * after the request ended (as a mailer finishing later would). Prints the trace id and the span
 * the error was captured in.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/instrumentation/custom-instrumentation/
 */
import { run } from './sentry-node-traces';

export const REPEATED_QUERY = 'SELECT * FROM report_rows WHERE shard = ?';

export interface RepeatedSpansRun { traceId: string; errorSpanId: string }

export async function repeatedSpansRequest(dsn: string, count = 150): Promise<RepeatedSpansRun> {
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'reports@1.0.0', defaultIntegrations: false });
const out = {};
const count = ${Math.floor(count)};
await Sentry.startNewTrace(async () => {
  const t0 = Date.now() - (count * 2 + 20);
  Sentry.startSpan({ name: 'GET /reports/big', op: 'http.server', startTime: t0 }, (root) => {
    out.traceId = root.spanContext().traceId;
    for (let i = 0; i < count; i++) {
      const at = t0 + 5 + i * 2;
      Sentry.startSpanManual({ name: ${JSON.stringify(REPEATED_QUERY)}, op: 'db.query', startTime: at }, (span) => {
        if (i === 77) { out.errorSpanId = span.spanContext().spanId; Sentry.captureException(new Error('shard 77 timed out')); }
        span.end(at + 1.5);
      });
    }
    Sentry.startSpanManual({ name: 'render report', op: 'template', startTime: t0 + 5 + count * 2 }, (span) => span.end(t0 + 10 + count * 2));
  });
  // The report is mailed a moment after the response: its log belongs to the trace but not to a span.
  await new Promise((resolve) => setTimeout(resolve, 700));
  Sentry.logger.info('report mailed to finance');
});
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`;
  const out = await run(source);
  if (!out.traceId || !out.errorSpanId) throw new Error('the @sentry/node app printed no trace or span id');
  return { traceId: out.traceId, errorSpanId: out.errorSpanId };
}
