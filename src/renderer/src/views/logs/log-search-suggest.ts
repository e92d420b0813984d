/**
 * What the Logs search box suggests for the word at the caret: Sentry's log keys (`severity`, `message`,
 * `trace`, `has`) and the attribute keys of the newest logs while no `:` is typed, then values: levels for
 * `severity:`, attribute keys for `has:`, else the stored values of that attribute (fetched by the caller).
 * Pure, so it is tested without a DOM; suggestions are plain strings shown as text.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/logs/
 */
import { LOG_LEVELS, LOG_SEARCH_KEYS } from '../../../../shared/log-search-syntax';
import { quoteValue, type Suggestion, type TokenAtCaret } from '../../lib/search-suggest';

const MAX_SUGGESTIONS = 10;
const LEVEL_KEYS = new Set(['severity', 'level']);

function rank<T>(items: readonly T[], typed: string, text: (item: T) => string): T[] {
  const t = typed.toLowerCase();
  const starts = items.filter((item) => text(item).toLowerCase().startsWith(t));
  const contains = t ? items.filter((item) => !text(item).toLowerCase().startsWith(t) && text(item).toLowerCase().includes(t)) : [];
  return [...starts, ...contains];
}

/** Keys for a word with no `:` yet: Sentry's log keys, then the attributes logs have. */
export function logKeySuggestions(token: TokenAtCaret, attributeKeys: readonly string[], max = MAX_SUGGESTIONS): Suggestion[] {
  const known = new Set(LOG_SEARCH_KEYS.map((k) => k.key));
  const keys = [...LOG_SEARCH_KEYS, ...attributeKeys.filter((k) => !known.has(k)).map((key) => ({ key, hint: 'attribute' }))];
  return rank(keys, token.value, (k) => k.key).slice(0, max)
    .map(({ key, hint }) => ({ label: `${token.bang}${key}:`, hint, replacement: `${token.bang}${key}:` }));
}

/** Whether values of the key come from the server (an attribute's stored values). */
export function logValuesFromServer(key: string): boolean {
  const lower = key.toLowerCase();
  return !LEVEL_KEYS.has(lower) && !['has', 'message', 'trace'].includes(lower);
}

/** Values for the key being typed: levels, `has:`'s attribute keys, or `stored` values. */
export function logValueSuggestions(token: TokenAtCaret, attributeKeys: readonly string[], stored: readonly string[]): Suggestion[] {
  const key = token.key ?? '';
  const lower = key.toLowerCase();
  const values = LEVEL_KEYS.has(lower) ? LOG_LEVELS : lower === 'has' ? attributeKeys : logValuesFromServer(key) ? stored : [];
  const ranked = rank(values, token.value, (v) => v).slice(0, MAX_SUGGESTIONS);
  // A value typed in full needs no list covering what is below.
  if (ranked.length === 1 && ranked[0] === token.value) return [];
  return ranked.map((value) => ({ label: value, replacement: `${token.bang}${key}:${quoteValue(value)} ` }));
}

/** The search text with `key:value` (or `!key:value`) added, replacing a token of the same key and sign. */
export function withAttributeFilter(query: string, key: string, value: string, negate = false): string {
  const token = `${negate ? '!' : ''}${key}:${quoteValue(value)}`;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const same = new RegExp(`(^|\\s)${negate ? '!' : ''}${escaped}:(?:"[^"]*"|\\S+)`, 'g');
  const rest = query.replace(same, '$1').replace(/\s+/g, ' ').trim();
  return rest ? `${rest} ${token}` : token;
}
