/**
 * Browser Content-Security-Policy violation reports turned into events, the way Sentry shows
 * them: logger `csp`, a "Blocked 'x' from 'host'" message, directive tags and the report in `csp`,
 * with the release and environment the report URI names and the reporting browser's headers.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 */
import { randomUUID } from 'node:crypto';
import type { SentryEvent } from '../../shared/sentry';

/** Report fields by their Sentry (snake_case) name, with the kebab-case and camelCase names browsers use. */
const FIELDS: Record<string, readonly string[]> = {
  effective_directive: ['effective-directive', 'effectiveDirective'],
  blocked_uri: ['blocked-uri', 'blockedURL', 'blockedURI'],
  document_uri: ['document-uri', 'documentURL', 'documentURI'],
  original_policy: ['original-policy', 'originalPolicy'],
  referrer: ['referrer'],
  status_code: ['status-code', 'statusCode'],
  violated_directive: ['violated-directive', 'violatedDirective'],
  source_file: ['source-file', 'sourceFile'],
  line_number: ['line-number', 'lineNumber'],
  column_number: ['column-number', 'columnNumber'],
  script_sample: ['script-sample', 'scriptSample', 'sample'],
  disposition: ['disposition'],
};

/**
 * What the request says besides the report: Sentry's `sentry_release` and `sentry_environment`
 * query parameters of the security endpoint, and the reporting browser's `User-Agent` and `Origin`
 * headers, which Relay puts in the event's request headers (its browser and OS contexts come from them),
 * and the client's address, which Relay's normalisation sets as the user's IP of a security report.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor/event.rs (event_from_security_report)
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/event.rs (normalize_security_report)
 */
export interface SecurityRequest {
  release?: string | null;
  environment?: string | null;
  userAgent?: string | null;
  origin?: string | null;
  /** The reporting browser's address: Relay makes it the event's `user.ip_address` (the report comes from the user's browser). */
  clientIp?: string | null;
}

/**
 * Converts a CSP report — `{"csp-report": {...}}` from `report-uri`, or the Reporting API's
 * `[{type: "csp-violation", body: {...}}]` (first violation used) — into an event.
 * Throws an Error when `report` holds no CSP violation.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 */
export function securityReportToEvent(report: unknown, receivedMs: number, from: SecurityRequest = {}): SentryEvent {
  const [first] = securityReportsToEvents(report, receivedMs, from);
  if (!first) throw new Error('not a CSP report: expected {"csp-report": {...}} or Reporting API csp-violation entries');
  return first;
}

/**
 * Like {@link securityReportToEvent}, but one event per violation, for Reporting API batches.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 */
export function securityReportsToEvents(report: unknown, receivedMs: number, from: SecurityRequest = {}): SentryEvent[] {
  return cspBodies(report).map((body) => cspToEvent(body, receivedMs, from));
}

function cspBodies(report: unknown): Record<string, unknown>[] {
  const entries = Array.isArray(report) ? report : [report];
  const bodies: Record<string, unknown>[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const legacy = entry['csp-report'];
    if (isObject(legacy)) bodies.push(legacy);
    else if (entry.type === 'csp-violation' && isObject(entry.body)) bodies.push(entry.body);
  }
  return bodies;
}

/** The request headers Sentry shows for a report: the page it came from and the browser (text, cut to a sane length). */
function requestHeaders(referrer: string | undefined, from: SecurityRequest): [string, string][] {
  const headers: [string, string][] = [];
  if (referrer !== undefined) headers.push(['Referer', referrer]);
  if (from.origin) headers.push(['Origin', from.origin.slice(0, 1000)]);
  if (from.userAgent) headers.push(['User-Agent', from.userAgent.slice(0, 1000)]);
  return headers;
}

/** A query parameter's value as a release or environment: trimmed, at most 200 characters (Sentry's limit), or none. */
function paramValue(v: string | null | undefined): string | undefined {
  const text = v?.trim() ?? '';
  return text === '' ? undefined : text.slice(0, 200);
}

function cspToEvent(raw: Record<string, unknown>, receivedMs: number, from: SecurityRequest): SentryEvent {
  const csp = normalizeFields(raw);
  const violated = typeof csp.violated_directive === 'string' ? csp.violated_directive.trim() : '';
  const directive = knownDirective(csp.effective_directive) ?? knownDirective(violated);
  if (!directive) throw new Error('CSP report names no known directive in effective-directive or violated-directive');
  csp.effective_directive = directive;
  const blockedUri = typeof csp.blocked_uri === 'string' ? csp.blocked_uri : 'self';
  csp.blocked_uri = blockedUri;
  csp.violated_directive = violated;

  const tags: [string, string][] = [
    ['effective-directive', directive],
    ['blocked-uri', blockedUri],
  ];
  const blockedHost = httpHost(blockedUri);
  if (blockedHost) tags.push(['blocked-host', blockedHost]);

  const documentUri = typeof csp.document_uri === 'string' ? csp.document_uri : undefined;
  const referrer = typeof csp.referrer === 'string' && csp.referrer ? csp.referrer : undefined;
  const message = cspMessage(directive, blockedUri);
  const headers = requestHeaders(referrer, from);
  const release = paramValue(from.release);
  const environment = paramValue(from.environment);
  return {
    event_id: randomUUID().replace(/-/g, ''),
    type: 'csp',
    logger: 'csp',
    level: 'error',
    platform: 'other',
    timestamp: receivedMs / 1000,
    logentry: { formatted: message },
    culprit: violated,
    tags,
    ...(release !== undefined ? { release } : {}),
    ...(environment !== undefined ? { environment } : {}),
    ...(from.clientIp ? { user: { ip_address: from.clientIp } } : {}),
    request: {
      ...(documentUri !== undefined ? { url: documentUri } : {}),
      ...(headers.length > 0 ? { headers } : {}),
    },
    csp,
  };
}

/** The report with Sentry's snake_case keys; numbers sent as strings become numbers; unknown keys kept. */
function normalizeFields(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const aliasOf = new Map<string, string>();
  for (const [name, aliases] of Object.entries(FIELDS)) for (const alias of aliases) aliasOf.set(alias, name);
  for (const [key, value] of Object.entries(raw)) {
    const name = aliasOf.get(key) ?? key;
    if (value === null || value === undefined || out[name] !== undefined) continue;
    out[name] = name.endsWith('_number') || name === 'status_code' ? toCount(value) : value;
  }
  return out;
}

function toCount(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return value;
}

function httpHost(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** CSP directive names (CSP Level 3 plus the older ones browsers still report). */
const DIRECTIVES = new Set([
  'base-uri', 'block-all-mixed-content', 'child-src', 'connect-src', 'default-src', 'fenced-frame-src',
  'font-src', 'form-action', 'frame-ancestors', 'frame-src', 'img-src', 'manifest-src', 'media-src',
  'navigate-to', 'object-src', 'plugin-types', 'prefetch-src', 'referrer', 'report-to', 'report-uri',
  'require-sri-for', 'require-trusted-types-for', 'sandbox', 'script-src', 'script-src-attr',
  'script-src-elem', 'style-src', 'style-src-attr', 'style-src-elem', 'trusted-types',
  'upgrade-insecure-requests', 'worker-src',
]);

/** What the message calls the blocked thing, per directive. */
const RESOURCE_NOUNS: Record<string, string> = {
  'child-src': 'child', 'connect-src': 'connect', 'font-src': 'font', 'img-src': 'image',
  'manifest-src': 'manifest', 'media-src': 'media', 'object-src': 'object', 'script-src': 'script',
  'script-src-elem': 'script', 'style-src': 'style', 'style-src-elem': 'style',
};

/** Schemes whose URLs have a host part, so a bare scheme is written `scheme://`. */
const HOST_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

/** The directive named by the first word of `value`, if it is a real CSP directive. */
function knownDirective(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().split(/\s/, 1)[0]?.toLowerCase() ?? '';
  return DIRECTIVES.has(name) ? name : undefined;
}

/** Sentry's wording: "Blocked 'script' from 'evil.example'", "Blocked inline 'style'", ... */
function cspMessage(directive: string, blockedUri: string): string {
  const noun = RESOURCE_NOUNS[directive];
  if (directive === 'script-src' && blockedUri === 'inline') return "Blocked unsafe inline 'script'";
  if (directive === 'script-src' && blockedUri === 'eval') return "Blocked unsafe eval() 'script'";
  if (isLocal(blockedUri)) {
    if (directive === 'script-src') return "Blocked unsafe (eval() or inline) 'script'";
    if (directive === 'script-src-attr') return 'Blocked inline script attribute';
    if (directive === 'style-src-attr') return 'Blocked inline style attribute';
    return `Blocked inline '${noun ?? directive}'`;
  }
  const where = normalizeUri(blockedUri);
  if (directive === 'form-action') return `Blocked 'form' action to '${where}'`;
  if (directive === 'script-src-attr') return `Blocked inline script attribute from '${where}'`;
  if (directive === 'style-src-attr') return `Blocked style attribute from '${where}'`;
  return `Blocked '${noun ?? directive}' from '${where}'`;
}

function isLocal(uri: string): boolean {
  return uri === '' || uri === 'self' || uri === "'self'" || uri === 'inline' || uri === 'eval';
}

/** Host (and port) for web URLs, `scheme:` for data/blob/... URIs, the value itself when unparsable. */
function normalizeUri(uri: string): string {
  if (!uri.includes(':')) return HOST_SCHEMES.has(uri) ? `${uri}://` : `${uri}:`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  const scheme = url.protocol.slice(0, -1);
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  if (scheme === 'http' || scheme === 'https') return host;
  return host || HOST_SCHEMES.has(scheme) ? `${scheme}://${host}` : `${scheme}:`;
}
