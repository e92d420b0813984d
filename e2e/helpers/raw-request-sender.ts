/**
 * A real @sentry/node client for an app that attaches the incoming request to its events itself,
 * headers and cookies as received. The JavaScript SDK's own request integration already masks
 * Authorization and Cookie, but other SDKs (or older ones, or `sendDefaultPii` apps with their own
 * processors) send them raw, and that is what Lookout's export scrubbing is for.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/request/
 */
import {
  NodeClient, Scope, contextLinesIntegration, defaultStackParser, linkedErrorsIntegration, makeNodeTransport,
  nodeContextIntegration,
} from '@sentry/node';
import type { NodeSender, SendOptions } from './sentry-node';

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  cookies?: Record<string, string>;
}

export function rawRequestSender(dsn: string, request: RawRequest, defaults: { release?: string; environment?: string } = {}): NodeSender {
  const client = new NodeClient({
    dsn, release: defaults.release, environment: defaults.environment ?? 'production',
    transport: makeNodeTransport, stackParser: defaultStackParser, sendClientReports: false,
    integrations: [linkedErrorsIntegration(), contextLinesIntegration(), nodeContextIntegration()],
  });
  client.init();
  return {
    capture(error: unknown, o: SendOptions = {}) {
      const scope = new Scope();
      scope.setClient(client);
      if (o.user) scope.setUser(o.user);
      if (o.tags) scope.setTags(o.tags);
      if (o.extra) scope.setExtras(o.extra);
      for (const b of o.breadcrumbs ?? []) scope.addBreadcrumb(b);
      scope.addEventProcessor((event) => ({ ...event, request: { ...request } }));
      return typeof error === 'string' ? scope.captureMessage(error, 'warning') : scope.captureException(error);
    },
    async flush() {
      if (!(await client.flush(10_000))) throw new Error('@sentry/node did not flush within 10 s');
    },
  };
}
