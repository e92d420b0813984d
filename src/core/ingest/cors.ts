import type { ServerResponse } from 'node:http';

/**
 * Relay's CORS policy for ingest routes only: browser SDKs post cross-origin and must be able
 * to read the status. The read API and UI send none of these.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/middlewares/cors.rs
 */
export const INGEST_CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, ' +
    'content-type, authentication, authorization, content-encoding, transfer-encoding, sentry-trace, baggage',
  'access-control-expose-headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
  'access-control-max-age': '3600',
};

const CORS_ENTRIES = Object.entries(INGEST_CORS_HEADERS);

export function applyIngestCors(res: ServerResponse): void {
  for (const [k, v] of CORS_ENTRIES) res.setHeader(k, v);
}
