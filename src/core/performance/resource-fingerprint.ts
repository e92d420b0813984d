/**
 * Sentry's `fingerprint_resource_span`: a static asset's URL without its query and without the
 * cache-busting parts of its path (content hashes, chunk hashes, UUIDs, version numbers, numeric
 * file names), sha1'd, so each build's `main.3f2a9c1e.js` is the same asset.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/utils.py
 */
import { createHash } from 'node:crypto';
import { parseUrl } from './url-parameterize';

const UUID = /[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}/gi;
const CHUNK_HASH = /(?:[0-9]+)?\.[a-f0-9]{8}\.chunk/gi;
const TRAILING_HASH = /([-.])(?:[a-f0-9]{8,64}\.)+([a-z0-9]{2,6})$/i;
const NUMERIC_FILENAME = /\/[0-9]+(\.[a-z0-9]{2,6})$/i;
const VERSION_NUMBER = /v[0-9]+(?:\.[0-9]+)*/g;
const ASSET_HASH = /[a-f0-9]{16,64}/gi;

/** Python's `urlunsplit` of the parts `urlparse` gave, the query left out. */
function unsplit(scheme: string, netloc: string, path: string, fragment: string): string {
  let url = path;
  if (netloc) url = `//${netloc}${url && !url.startsWith('/') ? `/${url}` : url}`;
  if (scheme) url = `${scheme}:${url}`;
  return fragment ? `${url}#${fragment}` : url;
}

export function fingerprintResourceSpan(description: string | null): string {
  const text = description ?? '';
  const hash = text.indexOf('#');
  const fragment = hash >= 0 ? text.slice(hash + 1) : '';
  const url = parseUrl(text);
  const path = url.path.replace(UUID, '*').replace(CHUNK_HASH, '.*.chunk').replace(TRAILING_HASH, '$1*.$2')
    .replace(NUMERIC_FILENAME, '/*$1').replace(VERSION_NUMBER, '*').replace(ASSET_HASH, '*');
  return createHash('sha1').update(unsplit(url.scheme, url.netloc, path, fragment), 'utf8').digest('hex');
}
