/**
 * The name of a server span its SDK named by the HTTP method alone. `@sentry/node` 11 streaming a
 * request names its root span, and the segment, `GET` (with `sentry.segment.name.source: url`)
 * where the same request sent as a transaction is `GET /api/orders`. Relay describes such a span
 * as `<http.request.method> <path>` (`derive_http_description`: the path is `http.route`, else
 * `url.path`, else `http.target` without its query and fragment); Lookout names it so in the trace
 * list, the trace page and a performance issue's transaction. Pure: core and renderer share it.
 * @see https://github.com/getsentry/relay/blob/master/relay-spans/src/v2_to_v1.rs
 */

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * `GET /api/orders` for a span named `name` that is only its HTTP method and has a route or path
 * (`attribute` reads the span's attribute values); null when the name says more or nothing completes it.
 */
export function httpMethodSpanName(name: string | null, attribute: (key: string) => unknown): string | null {
  const method = text(attribute('http.request.method')) ?? text(attribute('http.method'));
  if (!method || !HTTP_METHODS.has(method.toUpperCase()) || (name !== null && name.trim().toUpperCase() !== method.toUpperCase())) return null;
  const target = text(attribute('http.target'));
  const path = text(attribute('http.route')) ?? text(attribute('url.path')) ?? (target ? text(target.split(/[?#]/, 1)[0]) : null);
  return path ? `${method} ${path}` : null;
}
