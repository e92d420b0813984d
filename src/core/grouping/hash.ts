import { createHash } from 'node:crypto';

// A UTF-16 surrogate with no partner: Python's `force_bytes(errors="replace")` turns it into '?'.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * md5 hex digest of the values concatenated with no separator, as Sentry's `hash_from_values`.
 * @see https://develop.sentry.dev/backend/grouping/
 */
export function hashValues(values: readonly string[]): string {
  const md5 = createHash('md5');
  for (const value of values) md5.update(value.replace(LONE_SURROGATE, '?'), 'utf8');
  return md5.digest('hex');
}
