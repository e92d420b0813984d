import type { EventProcessingError } from './event-errors';

/** Relay's limit for a tag key and for a tag value, in characters (`TagEntry`'s `max_chars`). */
export const MAX_TAG_CHARS = 200;
/** The characters Relay allows in a tag key (`allow_chars = "a-zA-Z0-9_.:-"`). */
const TAG_KEY_CHARS = /^[a-zA-Z0-9_.:-]+$/;

/** The first character of `key` Relay's `allow_chars` refuses, as Relay names it in its error. */
function firstBadChar(key: string): string {
  for (const ch of key) if (!TAG_KEY_CHARS.test(ch)) return ch;
  return '';
}

/** Why Relay drops a tag's key (`part` 0) or value (`part` 1), as its `event.errors` entry, or null for a valid one. */
function problem(text: string, part: 0 | 1, index: number): EventProcessingError | null {
  const name = `tags.${index}.${part}`;
  if (text === '') return { type: 'invalid_data', name, reason: 'expected a non-empty value' };
  if ([...text].length > MAX_TAG_CHARS) return { type: 'value_too_long', name, value: text.slice(0, MAX_TAG_CHARS + 1) };
  if (part === 0 && !TAG_KEY_CHARS.test(text)) {
    return { type: 'invalid_data', name, value: text, reason: `invalid character ${JSON.stringify(firstBadChar(text))}` };
  }
  if (part === 1 && text.includes('\n')) return { type: 'invalid_data', name, value: text, reason: 'invalid character "\\n"' };
  return null;
}

/**
 * The tags Relay keeps: a key has its spaces made dashes and is trimmed, a value is trimmed; then a
 * tag whose key is empty, over 200 characters or has a character outside `a-zA-Z0-9_.:-` (a NUL,
 * HTML, a slash), or whose value is empty, over 200 characters or holds a newline, is dropped, each
 * with the error Relay records in `found` (shown on the event as Sentry lists processing errors).
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/tags.rs (TagEntry)
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/event.rs (normalize_tags)
 */
export function validTags(pairs: readonly [string, string][], found: EventProcessingError[]): [string, string][] {
  const kept: [string, string][] = [];
  for (const [index, [sentKey, sentValue]] of pairs.entries()) {
    const key = sentKey.replaceAll(' ', '-').trim();
    const value = sentValue.trim();
    const error = problem(key, 0, index) ?? problem(value, 1, index);
    if (error) found.push(error);
    else kept.push([key, value]);
  }
  return kept;
}
