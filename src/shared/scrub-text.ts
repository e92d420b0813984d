/**
 * Finds secrets inside free text: `key=value` pairs with a sensitive key (query strings, log
 * lines, JSON fragments), `Authorization:`/`Cookie:` header lines, `Bearer` tokens, URL passwords
 * and PEM private keys (scrub-credentials.ts), Stripe/AWS/GitHub/Slack keys and US SSNs
 * (secret-shapes.ts), credit-card numbers, and optionally e-mail and IP addresses. Every scanner is linear in the text length: no regex with nested unbounded
 * quantifiers runs over event data.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import { pemKeySpans, urlPasswordSpans } from './scrub-credentials';
import { isSensitiveTextName, secretShapeSpans } from './secret-shapes';

/**
 * Which scrubbing rules are on. `keys`, `headers` and `creditCards` mirror Sentry's default
 * server-side data scrubbing; `ips` and `emails` are opt-in.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
export interface ScrubRules { keys: boolean; headers: boolean; creditCards: boolean; ips: boolean; emails: boolean }

/** Sentry's defaults: what the export filters unless told otherwise, and what the app masks on screen. */
export const DEFAULT_SCRUB_RULES: ScrubRules = Object.freeze({
  keys: true, headers: true, creditCards: true, ips: false, emails: false,
});

export type Rule = keyof ScrubRules;
/** Replaces `text.slice(start, end)`; returns the replacement text. */
export type Replace = (rule: Rule) => string;

interface Span { start: number; end: number; rule: Rule }

/** Key fragments of Sentry's default scrubber; keys are lower-cased and `-` read as `_` first. */
const SENSITIVE_KEY_RE = /password|passwd|secret|api_?key|access_?token|auth|credentials|mysql_pwd|private_?key|token|session|cookie|bearer|card\[number\]/;
const HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'cookies']);
const IP_KEYS = new Set(['ip', 'ip_address', 'remote_addr', 'x_forwarded_for', 'x_real_ip', 'client_ip']);
const EMAIL_KEYS = new Set(['email', 'email_address', 'contact_email', 'mail']);

/** Keys whose numbers are secrets too (PINs); `token`/`session` numbers are counts and rates. */
const NUMERIC_SECRET_KEY_RE = /password|passwd|secret|api_?key|credentials|mysql_pwd|private_?key/;

/**
 * The rule that filters a whole value stored under `key`, or null. Headers win over keys.
 * `numeric` asks about a number value, which only password-like keys filter.
 */
export function ruleForKey(key: string, rules: ScrubRules, numeric = false): Rule | null {
  const lower = key.toLowerCase();
  if (rules.headers && HEADER_NAMES.has(lower)) return 'headers';
  const norm = lower.replace(/-/g, '_');
  if (rules.keys && (numeric ? NUMERIC_SECRET_KEY_RE : SENSITIVE_KEY_RE).test(norm)) return 'keys';
  if (rules.ips && IP_KEYS.has(norm)) return 'ips';
  if (rules.emails && EMAIL_KEYS.has(norm)) return 'emails';
  return null;
}

/** Scrubs one string; `onHit` is called once per replaced spot. */
export function scrubString(text: string, rules: ScrubRules, replace: Replace, onHit: (rule: Rule) => void): string {
  let out = text;
  const passes: [boolean, (t: string) => Span[]][] = [
    [rules.keys || rules.headers, (t) => keyValueSpans(t, rules)],
    [rules.keys, credentialSpans],
    [rules.creditCards, cardSpans],
    [rules.emails, emailSpans],
    [rules.ips, ipSpans],
  ];
  for (const [on, find] of passes) {
    if (!on) continue;
    const spans = find(out);
    if (spans.length === 0) continue;
    out = applySpans(out, spans, replace, onHit);
  }
  return out;
}

function credentialSpans(text: string): Span[] {
  return [...urlPasswordSpans(text), ...pemKeySpans(text), ...secretShapeSpans(text)].sort((a, b) => a.start - b.start).map((s) => ({ ...s, rule: 'keys' as const }));
}

function applySpans(text: string, spans: Span[], replace: Replace, onHit: (rule: Rule) => void): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) { at = Math.max(at, s.end); continue; }
    out += text.slice(at, s.start) + replace(s.rule);
    onHit(s.rule);
    at = s.end;
  }
  return out + text.slice(at);
}

const KEYWORD_RE = /password|passwd|secret|api[-_]?key|access[-_]?token|auth|credentials|mysql_pwd|private[-_]?key|token|session|cookie|bearer/gi;
const KEY_CHAR = /[A-Za-z0-9_\-[\]]/;
const VALUE_STOP = new Set([' ', '\t', '\r', '\n', '&', ';', ',', '"', "'", '<', '>', '{', '}', '[', ']', '(', ')', '`']);
const AUTH_SCHEME_RE = /^(?:bearer|basic|digest|token|negotiate)[ \t]+(?=\S)/i;

/** `password=…`, `?token=…`, `"secret": "…"`, `Authorization: Bearer …`, `Cookie: a=b; c=d`. */
function keyValueSpans(text: string, rules: ScrubRules): Span[] {
  const spans: Span[] = [];
  KEYWORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD_RE.exec(text)) !== null) {
    let keyStart = m.index;
    while (keyStart > 0 && m.index - keyStart < 64 && KEY_CHAR.test(text[keyStart - 1] ?? '')) keyStart--;
    let keyEnd = m.index + m[0].length;
    while (keyEnd < text.length && keyEnd - m.index < 64 && KEY_CHAR.test(text[keyEnd] ?? '')) keyEnd++;
    const key = text.slice(keyStart, keyEnd).toLowerCase();
    // `auto_session_tracking=True` names a setting: the keyword must be the name's last word.
    const named = key === 'bearer' || HEADER_NAMES.has(key) || isSensitiveTextName(key);
    const span = !named ? null : key === 'bearer' ? bareTokenSpan(text, keyEnd) : valueSpan(text, keyEnd, key, rules);
    if (span) {
      spans.push(span);
      KEYWORD_RE.lastIndex = Math.max(span.end, KEYWORD_RE.lastIndex);
    } else {
      KEYWORD_RE.lastIndex = Math.max(keyEnd, KEYWORD_RE.lastIndex);
    }
  }
  return spans;
}

function bareTokenSpan(text: string, from: number): Span | null {
  let i = from;
  while (i < text.length && i - from < 4 && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i === from) return null;
  const end = runUntil(text, i, VALUE_STOP);
  return end > i ? { start: i, end, rule: 'keys' } : null;
}

/** Reads `<sep><value>` after a key; the separator is `=` or `:` with optional quotes/spaces. */
function valueSpan(text: string, from: number, key: string, rules: ScrubRules): Span | null {
  let i = from;
  let quote = '';
  const skip = (): void => {
    for (let n = 0; n < 3 && i < text.length; n++) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if ((c === '"' || c === "'") && quote === '') { quote = c; i++; } else break;
    }
  };
  skip();
  if (text[i] !== '=' && text[i] !== ':') return null;
  i++;
  quote = '';
  skip();
  const rule: Rule | null = rules.headers && HEADER_NAMES.has(key) ? 'headers' : rules.keys ? 'keys' : null;
  if (rule === null) return null;
  const start = i;
  // `cookies: {` or `token = (` is code or structure, not a secret value.
  if (quote === '' && '{[('.includes(text[start] ?? '{')) return null;
  let end: number;
  if (quote !== '') end = quotedEnd(text, i, quote);
  else if (rule === 'headers') end = runUntil(text, i, LINE_STOP);
  else {
    const scheme = AUTH_SCHEME_RE.exec(text.slice(i, i + 16));
    end = runUntil(text, i + (scheme ? scheme[0].length : 0), VALUE_STOP);
  }
  if (end <= start) return null;
  // An unquoted value without a letter or digit (`$`, `*`) is syntax, not a secret.
  return quote !== '' || /[A-Za-z0-9]/.test(text.slice(start, end)) ? { start, end, rule } : null;
}

const LINE_STOP = new Set(['\r', '\n', '"', "'", '<', '>']);

function runUntil(text: string, from: number, stop: Set<string>): number {
  let i = from;
  while (i < text.length && !stop.has(text[i] ?? '')) i++;
  return i;
}

function quotedEnd(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i, text.length);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isFraction = (text: string, i: number): boolean => text[i - 1] === '.' && isDigit(text[i - 2]);

/**
 * Card numbers: 13–19 digits in up to 5 groups split by single spaces or dashes, starting with 2–6
 * (the issuer ranges in use) and passing the Luhn check. The first-digit and Luhn checks keep
 * millisecond timestamps and long ids from being filtered. Digits after a decimal point are a
 * fraction, not a card (the SDKs' `sample_rand: "0.4111111111111111"` has 16 of them).
 */
function cardSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]) || isWordChar(text[i - 1]) || isFraction(text, i)) { i++; continue; }
    const groups: { start: number; end: number }[] = [];
    let j = i;
    for (;;) {
      const gStart = j;
      while (isDigit(text[j])) j++;
      groups.push({ start: gStart, end: j });
      if ((text[j] === ' ' || text[j] === '-') && isDigit(text[j + 1])) j++;
      else break;
    }
    if (!isWordChar(text[j])) spans.push(...cardsInGroups(text, groups));
    i = j + 1;
  }
  return spans;
}

function cardsInGroups(text: string, groups: { start: number; end: number }[]): Span[] {
  const spans: Span[] = [];
  let g = 0;
  while (g < groups.length) {
    let digits = '';
    let best = -1;
    // Printed card numbers have at most 5 groups (4-4-4-4-3, 4-6-5, or none at all).
    for (let k = g; k < groups.length && k - g < 5 && digits.length <= 19; k++) {
      const grp = groups[k];
      if (!grp) break;
      digits += text.slice(grp.start, grp.end);
      if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits)) best = k;
    }
    const first = groups[g];
    const last = groups[best];
    if (best >= 0 && first && last) {
      spans.push({ start: first.start, end: last.end, rule: 'creditCards' });
      g = best + 1;
    } else g++;
  }
  return spans;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A number that reads as a card number (same checks as in text). */
export function isCardNumber(n: number): boolean {
  if (!Number.isSafeInteger(n) || n <= 0) return false;
  const s = String(n);
  return s.length >= 13 && /^[2-6]/.test(s) && luhnValid(s);
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

function emailSpans(text: string): Span[] {
  const spans: Span[] = [];
  let at = text.indexOf('@');
  let minStart = 0;
  while (at !== -1) {
    let s = at;
    while (s > minStart && at - s < 64 && EMAIL_LOCAL.test(text[s - 1] ?? '')) s--;
    let e = at + 1;
    while (e < text.length && e - at < 254 && EMAIL_DOMAIN.test(text[e] ?? '')) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const domain = text.slice(at + 1, e);
    if (s < at && /\.[A-Za-z]{2,24}$/.test(domain) && !domain.startsWith('.')) {
      spans.push({ start: s, end: e, rule: 'emails' });
      minStart = e;
    }
    at = text.indexOf('@', Math.max(at + 1, minStart));
  }
  return spans;
}

const IPV4_RE = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)/g;
const IPV6_RE = /(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;

function ipSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IPV4_RE)) {
    if (m.slice(1, 5).every((o) => Number(o) <= 255)) spans.push({ start: m.index, end: m.index + m[0].length, rule: 'ips' });
  }
  for (const m of text.matchAll(IPV6_RE)) {
    if (/\d/.test(m[0]) && isIPv6Address(m[0])) spans.push({ start: m.index, end: m.index + m[0].length, rule: 'ips' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Whether `text` is a whole IPv6 address (RFC 4291 text forms, an IPv4 tail included); pure, so the renderer can use it too. */
export function isIPv6Address(text: string): boolean {
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const octets = tail.split('.');
    if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return false;
    // The IPv4 tail stands for two groups.
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}
