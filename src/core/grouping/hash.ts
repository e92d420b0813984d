import { createHash } from 'node:crypto';

const SURROGATE = /[\uD800-\uDFFF]/;
// A UTF-16 surrogate with no partner: Python's `force_bytes(errors="replace")` turns it into '?'.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * md5 hex digest of the values concatenated with no separator, as Sentry's `hash_from_values`.
 * @see https://develop.sentry.dev/backend/grouping/
 */
export function hashValues(values: readonly string[]): string {
  const joined = values.join('');
  // Lone surrogates are replaced per value, so two halves in neighbouring values stay apart.
  const bytes = SURROGATE.test(joined) ? values.map((value) => value.replace(LONE_SURROGATE, '?')).join('') : joined;
  return createHash('md5').update(bytes, 'utf8').digest('hex');
}
