/**
 * What a CSP report's request says besides its body (Sentry's report URI
 * `?sentry_key=…&sentry_release=…&sentry_environment=…`, the browser's headers, the client's address),
 * read at ingest and read again from the stored request (bug-report bundles, the items API), so
 * both give the same event. The two query parameters are kept in the stored request's route
 * (`security /api/1/security/?sentry_release=…`), the request line as it came minus the key; the
 * headers and the address have their own columns.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor/event.rs (event_from_security_report)
 */
import type { SecurityRequest } from './security-report';

/** The query parameters of the security endpoint that change the event. */
const EVENT_PARAMS = ['sentry_release', 'sentry_environment'] as const;
/** Longer values are cut when read (Sentry's limit for a release); the stored route keeps no more. */
const MAX_PARAM = 200;

/** The release, environment, browser and address of a security request as it arrives. */
export function securityRequestOf(params: URLSearchParams, headers: Record<string, string>, clientIp: string | null): SecurityRequest {
  return { release: params.get('sentry_release'), environment: params.get('sentry_environment'),
    userAgent: headers['user-agent'] ?? null, origin: headers.origin ?? null, clientIp };
}

/** `?sentry_release=…&sentry_environment=…` of a security request's URL (each cut to 200 characters), or ''. */
export function securityRouteQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of EVENT_PARAMS) {
    const value = params.get(name);
    if (value !== null) kept.set(name, value.slice(0, MAX_PARAM));
  }
  const query = kept.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * The security request again from a stored request: its `route` column (the query above), its
 * `headers` JSON and its `remote_addr`.
 */
export function storedSecurityRequest(route: string, headersJson: string, remoteAddr: string | null): SecurityRequest {
  const path = route.slice(route.indexOf(' ') + 1);
  const at = path.indexOf('?');
  let headers: Record<string, string> = {};
  try {
    const parsed = JSON.parse(headersJson) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      headers = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch { /* a row without readable headers: the report alone */ }
  return securityRequestOf(new URLSearchParams(at === -1 ? '' : path.slice(at + 1)), headers, remoteAddr);
}
