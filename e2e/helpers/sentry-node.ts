/**
 * Real @sentry/node clients for UI tests: one isolated NodeClient per DSN (no global init, so
 * parallel tests in one worker never share state). Errors go through the SDK's own event
 * pipeline and transport, exactly as an app would send them.
 * @see https://docs.sentry.io/platforms/javascript/guides/node/
 */
import {
  NodeClient, Scope, contextLinesIntegration, defaultStackParser, linkedErrorsIntegration, makeNodeTransport,
  nodeContextIntegration, requestDataIntegration,
} from '@sentry/node';

/** Per-client options (`release`, `environment`) apply to every event of that sender. */
export interface SendOptions {
  release?: string;
  environment?: string;
  user?: { id?: string; email?: string; username?: string; ip_address?: string };
  tags?: Record<string, string>;
  breadcrumbs?: { category?: string; message?: string; level?: 'info' | 'warning' | 'error' | 'debug'; type?: string; data?: Record<string, unknown> }[];
  request?: { method: string; url: string; headers?: Record<string, string>; cookies?: Record<string, string>; query_string?: string; data?: unknown };
  extra?: Record<string, unknown>;
  fingerprint?: string[];
  attachments?: { filename: string; data: string | Uint8Array; contentType?: string }[];
  /** Client option (defaults only): a stack trace on messages too. */
  attachStacktrace?: boolean;
}

export interface NodeSender {
  /** Captures an error (or a message when given a string); returns the event id. */
  capture(error: unknown, options?: SendOptions): string;
  /** Resolves once every queued envelope was answered by the server. */
  flush(): Promise<void>;
}

export function nodeSender(dsn: string, defaults: SendOptions = {}): NodeSender {
  const client = new NodeClient({
    dsn,
    release: defaults.release,
    environment: defaults.environment ?? 'production',
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    integrations: [linkedErrorsIntegration(), contextLinesIntegration(), nodeContextIntegration(), requestDataIntegration()],
    sendClientReports: false,
    attachStacktrace: defaults.attachStacktrace,
  });
  client.init();

  return {
    capture(error, options = {}) {
      const scope = new Scope();
      scope.setClient(client);
      const o = { ...defaults, ...options };
      if (o.user) scope.setUser(o.user);
      if (o.tags) scope.setTags(o.tags);
      if (o.extra) scope.setExtras(o.extra);
      if (o.fingerprint) scope.setFingerprint(o.fingerprint);
      for (const b of o.breadcrumbs ?? []) scope.addBreadcrumb(b);
      if (o.request) scope.setSDKProcessingMetadata({ normalizedRequest: o.request });
      for (const a of o.attachments ?? []) scope.addAttachment(a);
      if (typeof error === 'string') return scope.captureMessage(error, 'warning');
      return scope.captureException(error);
    },
    async flush() {
      const ok = await client.flush(10_000);
      if (!ok) throw new Error('@sentry/node did not flush within 10 s');
    },
  };
}
