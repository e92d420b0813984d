import * as Sentry from '@sentry/node';
import type { SentryEvent } from '../../../shared/sentry';

/**
 * Produces events with the real @sentry/node SDK, in process: a private client whose
 * `beforeSend` keeps each event and drops it before any network I/O.
 */
export interface CaptureOptions {
  /** The linkedErrors integration (error causes as chained exceptions); on by default. */
  linkedErrors?: boolean;
  /** The contextLines integration (source lines around each frame); on by default. */
  contextLines?: boolean;
  /** SDK option: a synthetic stack trace on messages (the SDK's default is true). */
  attachStacktrace?: boolean;
}

/**
 * Runs `run` against a scope of a fresh client and returns the events it captured, in the order
 * of the event ids `run` returns (the SDK finishes events asynchronously, in any order).
 */
export async function captureWithNodeSdk(run: (scope: Sentry.Scope) => string[], options: CaptureOptions = {}): Promise<SentryEvent[]> {
  const captured: unknown[] = [];
  const integrations = [];
  if (options.linkedErrors !== false) integrations.push(Sentry.linkedErrorsIntegration());
  if (options.contextLines !== false) integrations.push(Sentry.contextLinesIntegration());
  const client = new Sentry.NodeClient({
    dsn: 'http://k@127.0.0.1:1/1',
    integrations,
    stackParser: Sentry.defaultStackParser,
    transport: Sentry.makeNodeTransport,
    ...(options.attachStacktrace === undefined ? {} : { attachStacktrace: options.attachStacktrace }),
    beforeSend(event) {
      captured.push(event);
      return null;
    },
  });
  const scope = new Sentry.Scope();
  scope.setClient(client);
  client.init();
  const order = run(scope);
  await client.flush(5000);
  // Through JSON, as the event would travel to Lookout.
  const events = captured.map((event) => JSON.parse(JSON.stringify(event)) as SentryEvent);
  return order.map((id) => {
    const event = events.find((candidate) => candidate.event_id === id);
    if (!event) throw new Error(`the SDK produced no event ${id}`);
    return event;
  });
}

/**
 * Captures what each function throws, one event each. All run synchronously from the same stack,
 * so frames outside the functions are the same for every event (an `await` between captures
 * would change the test runner's frames).
 */
export async function captureEach(throwers: readonly (() => unknown)[], options?: CaptureOptions): Promise<SentryEvent[]> {
  return captureWithNodeSdk((scope) => {
    const ids: string[] = [];
    for (const throwing of throwers) {
      try {
        throwing();
      } catch (error) {
        ids.push(scope.captureException(error));
      }
    }
    if (ids.length !== throwers.length) throw new Error(`${throwers.length - ids.length} of the functions did not throw`);
    return ids;
  }, options);
}

export async function captureThrown(throwing: () => unknown, options?: CaptureOptions): Promise<SentryEvent> {
  const [event] = await captureEach([throwing], options);
  return event as SentryEvent;
}
