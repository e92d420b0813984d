/**
 * An event's HTTP request as a `curl` command line, as Sentry's Request section offers beside its
 * formatted view: method, the URL with its query string, every header, cookies and the body.
 * Each argument is quoted for a POSIX shell so that nothing in the (untrusted) event can run:
 * plain text in single quotes, and text with a newline or another control character in ANSI-C
 * quotes (`$'…'`, bash, zsh, ksh), so the command stays one pasteable line per argument.
 * Values the SDK already filtered stay `[Filtered]`; with `mask`, the values Lookout masks on
 * screen (auth and cookie headers, secrets in the URL or body) are `[Filtered]` too.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/request/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/utils.tsx (getCurlCommand)
 */
import { MASK, maskedText, masksWhole } from './screen-mask';

/** A request body larger than this is cut (a command line that long is no use to paste). */
const MAX_BODY = 256 * 1024;
const MAX_HEADERS = 200;

type Pair = [string, string];

/** Quotes one argument for a POSIX shell. */
export function shellQuote(arg: string): string {
  // Control characters (newline, ESC, DEL) and the bidi controls that reorder what a terminal shows.
  if (!/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  let out = '';
  for (const ch of arg) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `$'${out}'`;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') { try { return JSON.stringify(v); } catch { return String(v); } }
  return String(v);
}

/** Headers, cookies or a query as pairs: an object, a list of pairs, or (query, cookies) a raw string. */
function pairsOf(v: unknown): Pair[] {
  if (Array.isArray(v)) return v.flatMap((p): Pair[] => (Array.isArray(p) && p.length >= 2 ? [[text(p[0]), text(p[1])]] : []));
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, val]): Pair => [k, text(val)]);
  return [];
}

function screened(key: string, value: string, mask: boolean): string {
  if (!mask) return value;
  if (masksWhole(key, value)) return MASK;
  return maskedText(value) ?? value;
}

function queryOf(v: unknown): string {
  if (typeof v === 'string') return v.replace(/^\?/, '');
  return pairsOf(v).map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`).join('&');
}

function headerValue(headers: Pair[], name: string): string | null {
  const found = headers.find(([k]) => k.toLowerCase() === name);
  return found ? found[1] : null;
}

/** The body as curl should send it: a string as is, an object as JSON or a form by the content type. */
function bodyOf(data: unknown, contentType: string): string | null {
  if (data === undefined || data === null || data === '') return null;
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && Object.keys(data).length === 0) return null;
  if (contentType.includes('application/x-www-form-urlencoded') && typeof data === 'object' && !Array.isArray(data)) {
    return new URLSearchParams(Object.entries(data).map(([k, v]): [string, string] => [k, text(v)])).toString();
  }
  return text(data);
}

/** The request (`event.request`) as a multi-line `curl` command; null when it has no URL to send to. */
export function requestAsCurl(request: unknown, opts: { mask: boolean }): string | null {
  if (typeof request !== 'object' || request === null) return null;
  const r = request as Record<string, unknown>;
  const url = typeof r.url === 'string' ? r.url.trim() : '';
  if (url === '') return null;
  const method = typeof r.method === 'string' && r.method.trim() ? r.method.trim().toUpperCase() : 'GET';
  const headers = pairsOf(r.headers).slice(0, MAX_HEADERS);
  const args: string[] = [];
  if (method !== 'GET') args.push(`-X ${shellQuote(method)}`);
  // As Sentry's: a gzip-accepting request gets --compressed, so curl decodes what the server sends back.
  if (/gzip|br|deflate/i.test(headerValue(headers, 'accept-encoding') ?? '')) args.push('--compressed');
  for (const [key, value] of headers) {
    // curl computes the length of the body it sends; a stale one would break the request.
    if (key.toLowerCase() === 'content-length') continue;
    args.push(`-H ${shellQuote(`${key}: ${screened(key, value, opts.mask)}`)}`);
  }
  const cookies = typeof r.cookies === 'string' ? r.cookies : pairsOf(r.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  if (cookies !== '' && headerValue(headers, 'cookie') === null) args.push(`-b ${shellQuote(screened('cookie', cookies, opts.mask))}`);
  const body = bodyOf(r.data, headerValue(headers, 'content-type') ?? '');
  if (body !== null) args.push(`--data-raw ${shellQuote(screened('', body.slice(0, MAX_BODY), opts.mask))}`);
  const query = queryOf(r.query_string);
  const fullUrl = query === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${query}`;
  args.push(shellQuote(screened('', fullUrl, opts.mask)));
  return ['curl', ...args].join(' \\\n  ');
}
