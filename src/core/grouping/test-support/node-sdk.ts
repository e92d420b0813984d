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

export async function captureWithNodeSdk(run: (scope: Sentry.Scope) => void, options: CaptureOptions = {}): Promise<SentryEvent[]> {
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
  run(scope);
  await client.flush(5000);
  // Through JSON, as the event would travel to Lookout.
  return captured.map((event) => JSON.parse(JSON.stringify(event)) as SentryEvent);
}

/**
 * Captures what each function throws, one event each. All run synchronously from the same stack,
 * so frames outside the functions are the same for every event (an `await` between captures
 * would change the test runner's frames).
 */
export async function captureEach(throwers: readonly (() => unknown)[], options?: CaptureOptions): Promise<SentryEvent[]> {
  const events = await captureWithNodeSdk((scope) => {
    for (const throwing of throwers) {
      try {
        throwing();
      } catch (error) {
        scope.captureException(error);
      }
    }
  }, options);
  if (events.length !== throwers.length) throw new Error(`the SDK produced ${events.length} events for ${throwers.length} throws`);
  return events;
}

export async function captureThrown(throwing: () => unknown, options?: CaptureOptions): Promise<SentryEvent> {
  const [event] = await captureEach([throwing], options);
  return event as SentryEvent;
}
