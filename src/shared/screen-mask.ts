/**
 * What the app masks on screen: the values the bug report's scrubber would filter (Sentry's default
 * server-side scrubbing: sensitive keys, auth and cookie headers, card numbers), by the same rules
 * (`scrub-text.ts`), so a secret never shows by accident on a shared screen. The user may still show
 * each value: the data is theirs, on their own machine.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import { DEFAULT_SCRUB_RULES, isCardNumber, ruleForKey, scrubString } from './scrub-text';
import { revealFormatChars } from './format-chars';

export const MASK = '[Filtered]';

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** Whether the whole value stored under `key` is masked (as the export filters it whole). */
export function masksWhole(key: string, value: unknown): boolean {
  // Already filtered by the SDK (@sentry/node filters such locals itself): nothing left to hide.
  if (value === MASK) return false;
  if (typeof value === 'number' && DEFAULT_SCRUB_RULES.creditCards && isCardNumber(value)) return true;
  return !isEmpty(value) && ruleForKey(key, DEFAULT_SCRUB_RULES, typeof value === 'number') !== null;
}

/** Texts this long are scanned once and remembered: a 50 MB string takes ~0.3 s, and a view renders it more than once. */
const REMEMBER_FROM = 64 * 1024;
const REMEMBERED_MAX = 8;
const remembered = new Map<string, string | null>();

/** The text with its secret parts masked (`password=[Filtered]`, a URL's password, a card number), or null when nothing is. */
export function maskedText(text: string): string | null {
  const known = text.length >= REMEMBER_FROM ? remembered.get(text) : undefined;
  if (known !== undefined) return known;
  let hit = false;
  const out = scrubString(text, DEFAULT_SCRUB_RULES, () => MASK, () => { hit = true; });
  const result = hit ? out : null;
  if (text.length >= REMEMBER_FROM) {
    if (remembered.size >= REMEMBERED_MAX) remembered.delete(remembered.keys().next().value ?? '');
    remembered.set(text, result);
  }
  return result;
}

/** Whether a number alone is masked: a card number. */
export function masksNumber(value: number): boolean {
  return DEFAULT_SCRUB_RULES.creditCards && isCardNumber(value);
}

/**
 * One line of event text (an issue's title or culprit, a tag value, a log body in a list row) as a
 * list shows it, where a row has no room for a "show" toggle: its secret parts masked and its bidi
 * controls shown as `<U+202E>` (format-chars.ts). Searching still reads the stored text.
 */
export function screenLine(text: string): string {
  return revealFormatChars(maskedText(text) ?? text);
}

/** A tag's value as a tag chip or bar shows it: whole `[Filtered]` under a sensitive key, else {@link screenLine}. */
export function screenTagValue(key: string, value: string): string {
  return masksWhole(key, value) ? MASK : screenLine(value);
}
