import type { IncomingHttpHeaders } from 'node:http';

export interface AuthInfo {
  sentryKey: string | null;
  client: string | null;
  version: string | null;
}

function parseAuthHeader(value: string | undefined): Record<string, string> | null {
  if (!value) return null;
  const m = /^\s*sentry\s+(.*)$/i.exec(value);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Reads Sentry auth the way Relay does: `X-Sentry-Auth`, `Authorization: Sentry …`, then the
 * `sentry_*` query parameters, then the envelope header's `dsn`. Any key is accepted (this is
 * a local tool); the key and client are recorded. Falls back to User-Agent for the client.
 * @see https://develop.sentry.dev/sdk/overview/#authentication
 */
export function readAuth(headers: IncomingHttpHeaders, query: URLSearchParams, envelopeDsn?: unknown): AuthInfo {
  const header = parseAuthHeader(headers['x-sentry-auth'] as string | undefined)
    ?? parseAuthHeader(headers.authorization);
  const fromQuery = (k: string) => query.get(k);
  let sentryKey = header?.sentry_key ?? fromQuery('sentry_key');
  if (!sentryKey && typeof envelopeDsn === 'string') {
    try { sentryKey = decodeURIComponent(new URL(envelopeDsn).username) || null; } catch { /* not a URL */ }
  }
  const client = header?.sentry_client ?? fromQuery('sentry_client') ?? (headers['user-agent'] as string | undefined) ?? null;
  const version = header?.sentry_version ?? fromQuery('sentry_version');
  return { sentryKey: sentryKey ?? null, client, version: version ?? null };
}
