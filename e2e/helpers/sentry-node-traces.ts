/**
 * A real @sentry/node app in its own process (a global `Sentry.init` with tracing, as an app
 * has it, without touching other tests in the Playwright worker): nested `startSpan` spans,
 * `Sentry.logger` calls inside them and an error captured in the innermost span. It prints
 * the trace id and the error's event id once the SDK has flushed.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/tracing/
 * @see https://docs.sentry.io/platforms/javascript/guides/node/logs/
 */
import { spawn } from 'node:child_process';

export interface LogLine { level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'; body: string; attributes?: Record<string, string | number | boolean> }

export interface CheckoutRun { traceId: string; errorId: string }

function program(dsn: string, body: string): string {
  return `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'shop@3.1.0', defaultIntegrations: false });
const out = {};
${body}
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`;
}

/** Runs `source` as an ES module in its own Node process and returns the JSON it printed. */
export async function run(source: string): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the @sentry/node app exited with ${code}: ${stderr}`);
  return JSON.parse(stdout) as Record<string, string>;
}

/**
 * `GET /checkout` (http.server) → `load cart` (db.query) with a log, `price items` (function)
 * with a warning log, a nested `apply discount` span, and a TypeError captured inside it.
 */
export async function tracedCheckout(dsn: string): Promise<CheckoutRun> {
  const out = await run(program(dsn, `
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, async () => {
  await Sentry.startSpan({ name: 'load cart', op: 'db.query' }, async () => {
    Sentry.logger.info(Sentry.logger.fmt\`cart \${'c-42'} loaded\`, { items: 2 });
    await new Promise((r) => setTimeout(r, 15));
  });
  await Sentry.startSpan({ name: 'price items', op: 'function' }, async () => {
    Sentry.logger.warn('price missing for ink', { sku: 'ink-01' });
    await Sentry.startSpan({ name: 'apply discount', op: 'function' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      try { null.price; } catch (err) { out.errorId = Sentry.captureException(err); }
    });
  });
  out.traceId = Sentry.getActiveSpan().spanContext().traceId;
}));
`));
  if (!out.traceId || !out.errorId) throw new Error(`no trace or error id from the app: ${JSON.stringify(out)}`);
  return { traceId: out.traceId, errorId: out.errorId };
}

/** Sends `lines` through `Sentry.logger` inside one span; resolves with the trace id. */
export async function emitLogs(dsn: string, lines: LogLine[]): Promise<string> {
  const out = await run(program(dsn, `
const lines = ${JSON.stringify(lines)};
Sentry.startNewTrace(() => Sentry.startSpan({ name: 'job: send mails', op: 'queue.task' }, () => {
  for (const l of lines) Sentry.logger[l.level](l.body, l.attributes ?? {});
  out.traceId = Sentry.getActiveSpan().spanContext().traceId;
}));
`));
  return out.traceId ?? '';
}

/** One `GET /big` root with `n` db spans, each with a child: 2n + 1 spans, streamed in containers of up to 1,000. */
export async function wideTrace(dsn: string, n: number): Promise<string> {
  const out = await run(program(dsn, `
Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /big', op: 'http.server' }, () => {
  for (let i = 0; i < ${Math.floor(n)}; i++) {
    Sentry.startSpan({ name: 'SELECT item ' + i, op: 'db.query' }, () => Sentry.startSpan({ name: 'map row ' + i, op: 'function' }, () => undefined));
  }
  out.traceId = Sentry.getActiveSpan().spanContext().traceId;
}));
`));
  return out.traceId ?? '';
}

/** A request span continuing a trace begun upstream (sentry-trace header): no root span reaches Lookout. */
export async function continuedTrace(dsn: string): Promise<string> {
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  await run(program(dsn, `
Sentry.continueTrace({ sentryTrace: '${traceId}-1a2b3c4d5e6f7081-1', baggage: undefined },
  () => Sentry.startSpan({ name: 'POST /api/orders', op: 'http.server' }, () => undefined));
`));
  return traceId;
}

/** An error, then user feedback about it (Sentry.captureFeedback, as the feedback widget sends it). */
export async function errorWithFeedback(dsn: string, feedback: { message: string; name: string; email: string; url: string }): Promise<{ errorId: string; feedbackId: string }> {
  const out = await run(program(dsn, `
out.errorId = Sentry.captureException(new Error('checkout button does nothing'));
out.feedbackId = Sentry.captureFeedback({ ...${JSON.stringify(feedback)}, associatedEventId: out.errorId });
`));
  return { errorId: out.errorId ?? '', feedbackId: out.feedbackId ?? '' };
}
