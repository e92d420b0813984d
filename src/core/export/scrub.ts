/**
 * Data scrubbing for exports, anchored on Sentry's default server-side scrubbing: values under
 * sensitive keys (password, secret, token, auth, session, cookie, …), the Authorization / Cookie /
 * Set-Cookie headers and credit-card numbers become `[Filtered]`; e-mail and IP addresses are
 * opt-in. Unlike Sentry, a value that merely *mentions* a sensitive word is not wiped whole: only
 * the secret part of `key=value` text is replaced, so messages stay readable.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 * @see https://develop.sentry.dev/sdk/expected-features/data-handling/
 */
import type { IssueDetail } from '../../shared/api-types';
import type { ScrubHit, ScrubRules } from './report-input';
import { isCardNumber, ruleForKey, scrubString, type Rule } from './scrub-text';

export const FILTERED = '[Filtered]';
const MAX_DEPTH = 128;

/** How one scrubbing pass reports and spells its replacements. */
export interface ScrubContext {
  rules: ScrubRules;
  hits: ScrubHit[] | undefined;
  /** Text written in place of a secret; `[Filtered]` except for marked Markdown previews. */
  replacement: (rule: Rule) => string;
  /** Rules for free text; replays turn the key=value text scan off (it would mangle CSS). */
  textRules: ScrubRules;
}

export function makeScrubContext(rules: ScrubRules, hits?: ScrubHit[], replacement?: (rule: Rule) => string): ScrubContext {
  return { rules, hits, replacement: replacement ?? (() => FILTERED), textRules: rules };
}

/** Context for rrweb recordings: object keys and value patterns only, no key=value text scan. */
export function recordingContext(ctx: ScrubContext): ScrubContext {
  return { ...ctx, textRules: { ...ctx.rules, keys: false, headers: false } };
}

/** Deep copy of `value` with secrets replaced; never mutates, survives cycles and deep nesting. */
export function scrubValue<T>(value: T, rules: ScrubRules, hits?: ScrubHit[]): T {
  return scrubValueWith(value, makeScrubContext(rules, hits));
}

/** `text` with secrets replaced (key=value pairs, header lines, card numbers, optional e-mails/IPs). */
export function scrubText(text: string, rules: ScrubRules, hits?: ScrubHit[]): string {
  return scrubTextWith(text, makeScrubContext(rules, hits), '');
}

export function scrubValueWith<T>(value: T, ctx: ScrubContext, path = ''): T {
  return walk(value, ctx, path, 0, new Set()) as T;
}

export function scrubTextWith(text: string, ctx: ScrubContext, path: string): string {
  return scrubString(text, ctx.textRules, ctx.replacement, (rule) => ctx.hits?.push({ path, rule }));
}

function replaced(ctx: ScrubContext, path: string, rule: Rule): string {
  ctx.hits?.push({ path, rule });
  return ctx.replacement(rule);
}

function walk(v: unknown, ctx: ScrubContext, path: string, depth: number, ancestors: Set<object>): unknown {
  if (typeof v === 'string') return scrubTextWith(v, ctx, path);
  if (typeof v === 'number') return ctx.rules.creditCards && isCardNumber(v) ? replaced(ctx, path, 'creditCards') : v;
  if (v === null || typeof v !== 'object') return v;
  if (Buffer.isBuffer(v)) return Buffer.from(v);
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v instanceof Date) return new Date(v.getTime());
  if (ancestors.has(v)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  ancestors.add(v);
  try {
    if (Array.isArray(v)) return walkArray(v, ctx, path, depth, ancestors);
    const out: Record<string, unknown> = {};
    const entries = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
    for (const [key, child] of entries) {
      const childPath = path === '' ? key : `${path}.${key}`;
      setOwn(out, key, walkKeyed(key, child, ctx, childPath, depth, ancestors));
    }
    return out;
  } finally {
    ancestors.delete(v);
  }
}

/** A value stored under `key`: filtered whole when the key is sensitive and the value not empty. */
function walkKeyed(key: string, child: unknown, ctx: ScrubContext, path: string, depth: number, ancestors: Set<object>): unknown {
  const rule = ruleForKey(key, ctx.rules, typeof child === 'number');
  if (rule !== null && !isEmpty(child)) return replaced(ctx, path, rule);
  return walk(child, ctx, path, depth + 1, ancestors);
}

/** Arrays of `[key, value]` pairs (tags, headers, query strings) are scrubbed like objects. */
function walkArray(v: unknown[], ctx: ScrubContext, path: string, depth: number, ancestors: Set<object>): unknown[] {
  const pairs = v.length > 0 && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string');
  return v.map((item, i) => {
    if (pairs && Array.isArray(item)) {
      const key = String(item[0]);
      return [key, walkKeyed(key, item[1], ctx, `${path}[${i}][1]`, depth + 1, ancestors)];
    }
    return walk(item, ctx, `${path}[${i}]`, depth + 1, ancestors);
  });
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && !(v instanceof Uint8Array) && Object.keys(v).length === 0;
}

/** Plain assignment would turn a `__proto__` key from JSON into a prototype change. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Scrubs an issue. Tag distributions hold the tag name in a `key` field, so a sensitive tag name
 * (`session_id`, `auth_user`) filters its values, as a sensitive event tag would.
 */
export function scrubIssueWith(issue: IssueDetail, ctx: ScrubContext, path = 'issue'): IssueDetail {
  const out = scrubValueWith(issue, ctx, path);
  if (!Array.isArray(out.tags)) return out;
  out.tags = out.tags.map((dist, i) => {
    const rule = typeof dist?.key === 'string' ? ruleForKey(dist.key, ctx.rules) : null;
    if (rule === null || !Array.isArray(dist.values)) return dist;
    const values = dist.values.map((v, j) => ({ ...v, value: replaced(ctx, `${path}.tags[${i}].values[${j}].value`, rule) }));
    return { ...dist, values };
  });
  return out;
}
