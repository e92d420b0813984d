/**
 * URL helpers of Sentry's performance detectors: Python's `urlparse`/`parse_qs` as they behave there,
 * `get_url_from_span`, `parameterize_url` and `fingerprint_http_spans`.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/utils.py
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { DetectorSpan } from './span-view';

export interface ParsedUrl { scheme: string; netloc: string; path: string; query: string }

const SCHEME_CHARS = /^[a-zA-Z][a-zA-Z0-9+.-]*$/;

/** Python's `urllib.parse.urlsplit` (what `urlparse` gives for a URL without `;params`). */
export function parseUrl(input: string): ParsedUrl {
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    const end = url.slice(2).search(/[/?#]/);
    netloc = end < 0 ? url.slice(2) : url.slice(2, end + 2);
    url = end < 0 ? '' : url.slice(end + 2);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const q = url.indexOf('?');
  return { scheme, netloc, path: q >= 0 ? url.slice(0, q) : url, query: q >= 0 ? url.slice(q + 1) : '' };
}

const unquote = (s: string): string => {
  const plus = s.replace(/\+/g, ' ');
  try { return decodeURIComponent(plus); } catch { return plus; }
};

/** Python's `parse_qs` with its defaults: blank values and pairs without `=` are dropped; keys keep their first order. */
export function parseQuery(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || eq === pair.length - 1) continue;
    const key = unquote(pair.slice(0, eq));
    out.set(key, [...(out.get(key) ?? []), unquote(pair.slice(eq + 1))]);
  }
  return out;
}

/** Sentry's `PARAMETERIZED_URL_REGEX`: a UUID, a hex hash of 10/24/32/40 digits, or an integer. */
const PARAMETER = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|\b[0-9a-fA-F]{10}(?:[0-9a-fA-F]{14})?(?:[0-9a-fA-F]{8})?(?:[0-9a-fA-F]{8})?\b|-\d+\b|\b\d+\b/;
const FILE_EXTENSION = /\.[a-z0-9]{2,6}$/i;

/** Sentry's `parameterize_url_with_result`: path segments holding an id become `*`, the query keeps its keys as `key=*`. */
export function parameterizeUrlWithParams(url: string): { url: string; pathParams: string[]; queryParams: Map<string, string[]> } {
  const parsed = parseUrl(url);
  const pathParams: string[] = [];
  const path = FILE_EXTENSION.test(parsed.path) ? parsed.path : parsed.path.split('/').map((fragment) => {
    const found = PARAMETER.exec(fragment);
    if (!found) return fragment;
    pathParams.push(found[0]);
    return '*';
  }).join('/');
  const queryParams = parseQuery(parsed.query);
  const query = [...queryParams.keys()].map((k) => `${k}=*`).sort().join('&');
  const joined = `${parsed.scheme ? `${parsed.scheme}://` : ''}${parsed.netloc}${path}?${query}`;
  return { url: joined.replace(/\?+$/, ''), pathParams, queryParams };
}

export const parameterizeUrl = (url: string): string => parameterizeUrlWithParams(url).url;

const FILTERED = ['[Filtered]', '[ip]', '[REDACTED]', '[id]', '[Filtered Email]', '[filtered]', '[Filtered email]', '[Email]'];
/** A URL a data scrubber already rewrote: no use as a fingerprint. */
export const isFilteredUrl = (url: string): boolean => FILTERED.some((k) => url.includes(k));

/** Sentry's `get_url_from_span`: `data.url` (with `data["http.query"]`), else the URL after the method in the description. */
export function urlFromSpan(span: DetectorSpan): string {
  const data = span.data;
  const url = data?.url;
  if (typeof url === 'object' && url !== null && !Array.isArray(url)) {
    const u = url as Record<string, unknown>;
    return `${typeof u.pathname === 'string' ? u.pathname : ''}${typeof u.search === 'string' ? u.search : ''}`;
  }
  if (typeof url === 'string') {
    const query = data?.['http.query'];
    return typeof query === 'string' && query.length > 0 && !url.includes('?') ? `${url}?${query}` : url;
  }
  const description = span.description ?? '';
  const space = description.indexOf(' ');
  return space >= 0 ? description.slice(space + 1) : '';
}

/** Sentry's `fingerprint_http_spans`: sha1 of the sorted, distinct parameterised paths. */
export function fingerprintHttpSpans(spans: readonly DetectorSpan[]): string {
  const paths: string[] = [];
  for (const span of spans) {
    const url = urlFromSpan(span);
    if (!url || isFilteredUrl(url)) continue;
    const path = parseUrl(parameterizeUrl(url)).path;
    if (!paths.includes(path)) paths.push(path);
  }
  return createHash('sha1').update(paths.sort().join('-'), 'utf8').digest('hex');
}

/** Sentry's `URL_WITH_BRACKETED_HOSTNAME_REGEX`, up to the bracketed value: a host holding `[…]`, as scrubbers and parameterisers write. */
const BRACKETED_HOSTNAME = /^(?:[a-z][a-z0-9+.-]{1,32}:)?\/\/[^[\]/'"`\\<>{}|^\s?#]*\[([^[\]/'"`\\<>{}|^?#]+)\]/i;

/** Sentry's `span_has_obfuscated_hostname`: the span's URL names its host by a placeholder (`[Filtered]`), not an IP, so hosts cannot be compared. */
export function hasObfuscatedHostname(span: DetectorSpan): boolean {
  const bracketed = BRACKETED_HOSTNAME.exec(urlFromSpan(span))?.[1];
  return bracketed !== undefined && isIP(bracketed) === 0;
}
