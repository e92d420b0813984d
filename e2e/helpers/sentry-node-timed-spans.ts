/**
 * A real @sentry/node app in its own process sending one request's transaction (`traceLifecycle:
 * 'static'`) whose spans ran one after another for the given times: the SDK's own `startTime` and
 * `end(time)` set them, so a 650 ms query needs no 650 ms wait. Prints the span ids in order.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/instrumentation/custom-instrumentation/
 */
import { run } from './sentry-node-traces';

export interface TimedStep { op: string; name: string; ms: number }

export async function timedRequest(dsn: string, name: string, steps: TimedStep[]): Promise<string[]> {
  const source = `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, traceLifecycle: 'static', release: 'shop@4.0.0', defaultIntegrations: false });
const steps = ${JSON.stringify(steps)};
let at = Date.now() - steps.reduce((n, s) => n + s.ms, 0) - 50;
const ids = [];
await Sentry.startNewTrace(() => Sentry.startSpan({ name: ${JSON.stringify(name)}, op: 'http.server', startTime: at - 5 }, () => {
  for (const step of steps) {
    Sentry.startSpanManual({ name: step.name, op: step.op, startTime: at }, (span) => { ids.push(span.spanContext().spanId); span.end(at + step.ms); });
    at += step.ms;
  }
}));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify({ ids: ids.join(',') }));
`;
  const { ids } = await run(source);
  if (!ids) throw new Error('the @sentry/node app printed no span ids');
  return ids.split(',');
}
