/**
 * What the issue search box suggests for the word at the caret: a key while it has no `:` yet (Sentry's
 * keys first, then the tag keys issues have), then values for that key (statuses, levels, categories,
 * examples of counts and times, or a tag's stored values, which the caller fetches). Pure, so it is tested
 * without a DOM. Suggestions are plain strings, shown as text.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
import {
  ISSUE_CATEGORIES, ISSUE_LEVEL_VALUES, ISSUE_SEARCH_KEYS, ISSUE_STATUS_VALUES, ISSUE_SUBSTATUS_VALUES, PERFORMANCE_ISSUE_TYPES,
} from '../../../shared/issue-search-syntax';

/** The word at the caret: `[start, end)` in the text, its `!`, and its key once a `:` is typed. */
export interface TokenAtCaret { start: number; end: number; bang: string; key: string | null; value: string }

/** One suggestion: `label` is shown, `replacement` takes the place of the word at the caret. */
export interface Suggestion { label: string; hint?: string; replacement: string }

const MAX_SUGGESTIONS = 10;
const USER_FIELDS = ['user.id', 'user.email', 'user.username', 'user.ip'];
/** Values suggested for keys whose values are a fixed set or follow a pattern (with what each means). */
const FIXED_VALUES: Record<string, readonly (string | [string, string])[]> = {
  is: [...ISSUE_STATUS_VALUES, ...ISSUE_SUBSTATUS_VALUES],
  level: ISSUE_LEVEL_VALUES,
  'issue.category': ISSUE_CATEGORIES,
  'issue.type': Object.entries(PERFORMANCE_ISSUE_TYPES).map(([slug, { title }]) => [slug, title]),
  'error.handled': ['true', 'false'],
  'error.unhandled': ['true', 'false'],
  timesseen: [['>10', 'more than 10 events'], ['>=100', '100 events or more'], ['<5', 'fewer than 5 events'], ['1', 'exactly one event']],
  firstseen: [['-1h', 'in the last hour'], ['-24h', 'in the last 24 hours'], ['-7d', 'in the last 7 days'], ['+7d', 'more than 7 days ago']],
  lastseen: [['-1h', 'in the last hour'], ['-24h', 'in the last 24 hours'], ['+24h', 'not in the last 24 hours'], ['+7d', 'not in the last 7 days']],
};
FIXED_VALUES.age = FIXED_VALUES.firstseen ?? [];

/** Finds the word around the caret; a quoted value (`browser:"Chrome 119"`) counts as one word. */
export function tokenAtCaret(text: string, caret: number): TokenAtCaret {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < caret; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && /\s/.test(text[i] ?? '')) start = i + 1;
  }
  let end = caret;
  while (end < text.length && (quoted || !/\s/.test(text[end] ?? ''))) {
    if (text[end] === '"') quoted = !quoted;
    end += 1;
  }
  const word = text.slice(start, caret);
  const match = /^(!?)([\w.-]*)(?::(.*))?$/s.exec(word);
  if (!match) return { start, end, bang: '', key: null, value: word };
  const [, bang = '', name = '', value] = match;
  return value === undefined ? { start, end, bang, key: null, value: name } : { start, end, bang, key: name, value: value.replace(/^"/, '') };
}

/** Ranks by where the typed text appears: at the start, then anywhere; nothing typed keeps the order. */
function rank<T>(items: readonly T[], typed: string, text: (item: T) => string): T[] {
  const t = typed.toLowerCase();
  const starts = items.filter((item) => text(item).toLowerCase().startsWith(t));
  const contains = t ? items.filter((item) => !text(item).toLowerCase().startsWith(t) && text(item).toLowerCase().includes(t)) : [];
  return [...starts, ...contains];
}

/** Keys for a word with no `:` yet: Sentry's first, then the tag keys issues have. */
export function keySuggestions(token: TokenAtCaret, tagKeys: readonly string[], max = MAX_SUGGESTIONS): Suggestion[] {
  const known = new Set(ISSUE_SEARCH_KEYS.map((k) => k.key.toLowerCase()));
  const keys = [...ISSUE_SEARCH_KEYS, ...tagKeys.filter((k) => !known.has(k.toLowerCase())).map((key) => ({ key, hint: 'tag' }))];
  return rank(keys, token.value, (k) => k.key).slice(0, max)
    .map(({ key, hint }) => ({ label: `${token.bang}${key}:`, hint, replacement: `${token.bang}${key}:` }));
}

/** A value as the search reads it back: quoted when it holds a space or a quote (which a quoted value cannot hold). */
export function quoteValue(value: string): string {
  return /[\s"]/.test(value) || value === '' ? `"${value.replace(/"/g, '')}"` : value;
}

/** Whether the key's values come from the store (tags, user fields) rather than a fixed list. */
export function valuesFromStore(key: string): boolean {
  const lower = key.toLowerCase();
  return !(lower in FIXED_VALUES) && lower !== 'has' && !['error.type', 'error.value', 'message'].includes(lower);
}

/** Values for the key being typed: the fixed ones, `has:`'s keys, or `stored` (the store's values of a tag or user field). */
export function valueSuggestions(token: TokenAtCaret, tagKeys: readonly string[], stored: readonly string[]): Suggestion[] {
  const key = token.key ?? '';
  const lower = key.toLowerCase();
  const fixed = lower === 'has'
    ? [...new Set(['user', 'release', 'environment', ...USER_FIELDS, ...tagKeys])]
    : FIXED_VALUES[lower] ?? stored;
  const pairs = fixed.map((v): [string, string | undefined] => (typeof v === 'string' ? [v, undefined] : v));
  const ranked = rank(pairs, token.value, ([value]) => value).slice(0, MAX_SUGGESTIONS);
  // A value already typed in full needs no suggestion: the list would only cover what is below.
  if (ranked.length === 1 && ranked[0]?.[0] === token.value) return [];
  return ranked.map(([value, hint]) => ({
    label: value, ...(hint ? { hint } : {}), replacement: `${token.bang}${key}:${quoteValue(value)} `,
  }));
}

/** The text with the word at the caret replaced, and where the caret goes (after the replacement). */
export function applySuggestion(text: string, token: TokenAtCaret, suggestion: Suggestion): { text: string; caret: number } {
  const rest = text.slice(token.end);
  // A value ends in a space so the next word can start; one already there is not doubled.
  const after = suggestion.replacement.endsWith(' ') ? rest.replace(/^\s/, '') : rest;
  const next = `${text.slice(0, token.start)}${suggestion.replacement}${after}`;
  return { text: next, caret: token.start + suggestion.replacement.length };
}
