/**
 * Browser Network Error Logging reports (`POST /api/{project}/nel/`, a Reporting API batch of
 * `application/reports+json`) turned into logs, as current Relay does: one `info` log per report,
 * timed `age` ms before it arrived, with `url.*`, `http.*`, `network.protocol`, `server.address`
 * and `nel.*` attributes and `sentry.origin` `auto.http.browser_reports.nel`.
 * @see https://w3c.github.io/network-error-logging/#generate-a-network-error-report
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/nel.rs
 */

/** A typed log attribute, as SDKs send them in a log container. */
type Attribute = { value: string; type: 'string' } | { value: number; type: 'integer' | 'double' };

/** One log of a `log` container item. */
export interface NelLog {
  /** Unix seconds. */
  timestamp: number;
  level: 'info';
  body: string;
  attributes: Record<string, Attribute>;
}

/** A body that holds no NEL report Lookout can read; the message is for the sender. */
export class NelReportError extends Error {
  override name = 'NelReportError';
}

/**
 * What each error type of the spec (and Chromium's finer ones) means, in Lookout's words; the
 * type itself leads the log body, so an unlisted one is still shown as sent.
 * @see https://w3c.github.io/network-error-logging/#predefined-network-error-types
 */
const MEANINGS: Record<string, string> = {
  ok: 'the request succeeded',
  'dns.unreachable': 'the DNS server could not be reached',
  'dns.name_not_resolved': 'the DNS server answered but could not resolve the name',
  'dns.failed': 'the DNS lookup failed',
  'dns.address_changed': "the origin's IP address changed since its NEL policy was received",
  'dns.protocol': 'the DNS answer was malformed',
  'dns.server': 'the DNS server failed',
  'tcp.timed_out': 'the TCP connection timed out',
  'tcp.closed': 'the server closed the TCP connection',
  'tcp.reset': 'the TCP connection was reset',
  'tcp.refused': 'the server refused the TCP connection',
  'tcp.aborted': 'the TCP connection was aborted',
  'tcp.address_invalid': 'the IP address is invalid',
  'tcp.address_unreachable': 'the IP address is unreachable',
  'tcp.failed': 'the TCP connection failed',
  'tls.version_or_cipher_mismatch': 'TLS failed: no common version or cipher',
  'tls.bad_client_auth_cert': 'TLS failed: the client certificate was rejected',
  'tls.cert.name_invalid': "TLS failed: the certificate does not name the server",
  'tls.cert.date_invalid': 'TLS failed: the certificate is expired or not yet valid',
  'tls.cert.authority_invalid': 'TLS failed: the certificate has an untrusted issuer',
  'tls.cert.invalid': 'TLS failed: the certificate is invalid',
  'tls.cert.revoked': 'TLS failed: the certificate was revoked',
  'tls.cert.pinned_key_not_in_cert_chain': 'TLS failed: no pinned key is in the certificate chain',
  'tls.protocol.error': 'TLS failed: protocol error',
  'tls.unrecognized_name_alert': 'TLS failed: the server does not know the name asked for',
  'tls.failed': 'the TLS connection failed',
  'http.protocol.error': 'the connection was aborted by an HTTP protocol error',
  'h2.ping_failed': 'an HTTP/2 ping got no answer',
  'h2.protocol.error': 'HTTP/2 protocol error',
  'h3.protocol.error': 'HTTP/3 (QUIC) protocol error',
  'http.response.invalid': 'the response could not be used (empty, wrong length or bad encoding)',
  'http.response.invalid.empty': 'the response was empty',
  'http.response.invalid.content_length_mismatch': 'the response was not as long as its Content-Length',
  'http.response.invalid.incomplete_chunked_encoding': 'the chunked response ended early',
  'http.response.invalid.invalid_chunked_encoding': 'the chunked response was malformed',
  'http.response.headers.truncated': 'the response headers were cut off',
  'http.response.headers.multiple_content_disposition': 'the response had several Content-Disposition headers',
  'http.response.headers.multiple_content_length': 'the response had several Content-Length headers',
  'http.response.redirect_loop': 'the request was stopped in a redirect loop',
  'http.request.range_not_satisfiable': 'the requested range could not be served',
  'http.failed': 'the HTTP exchange failed',
  abandoned: 'the user left before the resource loaded',
  unknown: 'the error type is unknown',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Relay reads these as unsigned integers: anything else is left out. */
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);

/**
 * The host of an http(s) URL without its port (an IPv6 host keeps its brackets); any other value
 * (a bare IP address, as `server_ip` usually is) as it is.
 */
export function serverAddress(value: string): string {
  const scheme = /^https?:\/\//.exec(value);
  if (!scheme) return value;
  const authority = value.slice(scheme[0].length).split(/[/?#]/, 1)[0] ?? '';
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end < 0 ? authority : authority.slice(0, end + 1);
  }
  return authority.split(':', 1)[0] ?? authority;
}

/** "dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms): …" */
function logBody(type: string | undefined, url: string | undefined, status: number | undefined, elapsed: number | undefined): string {
  const kind = type || 'unknown';
  const facts = [status !== undefined ? `status ${status}` : '', elapsed !== undefined ? `${elapsed} ms` : ''].filter(Boolean);
  const meaning = kind === 'http.error' ? `the server answered with status ${status ?? 0}` : MEANINGS[kind];
  return `${kind}${url ? ` for ${url}` : ''}${facts.length ? ` (${facts.join(', ')})` : ''}${meaning ? `: ${meaning}` : ''}`;
}

/** A string with something in it; '' (as browsers send an unknown `server_ip`) says nothing. */
const filled = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Why a network-error report cannot be logged, or null when it can: the spec's report always has
 * the document's `url` and the error `type` as strings and `age` as a number of milliseconds
 * (Relay's `NetworkReportRaw` types them so); one that does not is not a report to trust, and its
 * log would only say "unknown".
 */
function malformed(report: Record<string, unknown>, body: Record<string, unknown>): string | null {
  if (filled(report.url) === undefined) return 'url';
  if (filled(body.type) === undefined) return 'body.type';
  if (report.age !== undefined && report.age !== null && !(typeof report.age === 'number' && Number.isFinite(report.age))) return 'age';
  return null;
}

/** One report → one log; null for an entry that is not a network-error report (`skipped` names what a malformed one lacked). */
function reportToLog(report: unknown, receivedMs: number, skipped: Set<string>): NelLog | null {
  if (!isRecord(report) || !isRecord(report.body)) return null;
  // A Reporting API batch may mix report types; only network errors are NEL.
  if (report.type !== undefined && report.type !== 'network-error') return null;
  const body = report.body;
  const bad = malformed(report, body);
  if (bad !== null) {
    skipped.add(bad);
    return null;
  }
  const url = text(report.url);
  const type = text(body.type);
  const status = count(body.status_code);
  const elapsed = count(body.elapsed_time);
  const serverIp = filled(body.server_ip);
  const sampling = typeof body.sampling_fraction === 'number' && Number.isFinite(body.sampling_fraction) ? body.sampling_fraction : undefined;
  const attributes: Record<string, Attribute> = {
    'sentry.origin': { value: 'auto.http.browser_reports.nel', type: 'string' },
    report_type: { value: 'network-error', type: 'string' },
  };
  const put = (key: string, value: string | number | undefined, type: Attribute['type'] = 'string') => {
    if (value !== undefined) attributes[key] = { value, type } as Attribute;
  };
  put('url.domain', url !== undefined ? serverAddress(url) : undefined);
  put('url.full', url);
  put('http.request.duration', elapsed, 'integer');
  put('http.request.method', text(body.method));
  put('http.request.header.referer', text(body.referrer));
  put('http.response.status_code', status, 'integer');
  put('network.protocol', text(body.protocol));
  put('server.address', serverIp !== undefined ? serverAddress(serverIp) : undefined);
  put('nel.phase', text(body.phase));
  put('nel.sampling_fraction', sampling, 'double');
  put('nel.type', type);
  // `age`: milliseconds between the error and the report's delivery.
  const age = typeof report.age === 'number' && Number.isFinite(report.age) ? Math.trunc(report.age) : 0;
  return { timestamp: (receivedMs - age) / 1000, level: 'info', body: logBody(type, url, status, elapsed), attributes };
}

/**
 * The logs of a NEL request body (the bytes as sent, decoded): a JSON array of reports, each
 * `{ type: "network-error", age, url, user_agent, body: { type, phase, status_code, elapsed_time, … } }`.
 * Entries of other report types are skipped, and so are network-error reports without a string
 * `url` and `body.type` or with a non-numeric `age`. Throws NelReportError when the body is not
 * JSON, not an array, or holds reports of which none is a usable network error.
 * @see https://w3c.github.io/network-error-logging/#generate-a-network-error-report
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/endpoints/nel.rs
 */
export function nelReportsToLogs(body: Buffer, receivedMs: number): NelLog[] {
  let reports: unknown;
  try {
    reports = JSON.parse(body.toString('utf8'));
  } catch {
    throw new NelReportError('NEL report is not valid JSON');
  }
  if (!Array.isArray(reports)) throw new NelReportError('NEL body must be a JSON array of reports (application/reports+json)');
  const logs: NelLog[] = [];
  const skipped = new Set<string>();
  for (const report of reports) {
    const log = reportToLog(report, receivedMs, skipped);
    if (log) logs.push(log);
  }
  if (reports.length > 0 && logs.length === 0) {
    const types = [...new Set(reports.map((r) => (isRecord(r) ? String(r.type ?? 'untyped').slice(0, 40) : typeof r)))].slice(0, 5);
    const why = skipped.size > 0 ? `; skipped for a missing or mistyped ${[...skipped].join(', ')}` : '';
    throw new NelReportError(`no network-error report with a body in the NEL batch (found: ${types.join(', ')}${why})`);
  }
  return logs;
}
