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
  if (SURROGATE.test(joined)) return md5(values.map((value) => value.replace(LONE_SURROGATE, '?')).join(''));
  // Without a surrogate the hash depends on the joined text alone: a repeated stack is hashed once.
  let hash = remembered.get(joined);
  if (hash === undefined) {
    hash = md5(joined);
    if (joined.length <= MAX_REMEMBERED_TEXT) {
      rememberedChars += joined.length;
      if (rememberedChars > MAX_REMEMBERED_CHARS) { remembered.clear(); rememberedChars = joined.length; }
      remembered.set(joined, hash);
    }
  }
  return hash;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

// Every event of an issue hashes the same values (its app and system variants): the digests of
// recent texts are kept, bounded by their total length (cleared when full, ~4 MB at most).
const remembered = new Map<string, string>();
const MAX_REMEMBERED_TEXT = 16_384;
const MAX_REMEMBERED_CHARS = 2_000_000;
let rememberedChars = 0;

/** How much the digest memo holds (tests: it stays bounded). */
export function rememberedHashes(): { count: number; chars: number } {
  return { count: remembered.size, chars: rememberedChars };
}
