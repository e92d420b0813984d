/**
 * Secrets found in free text and source lines by their shape or by the name they are assigned to.
 * Sentry's default scrubbing (Relay's `@common:filter`: `@password`, `@pemkey`, `@urlauth`,
 * `@usssn`, `@creditcard`…) filters values under sensitive keys and a few value shapes; a code line
 * (`stripe.api_key = "sk_live_…"`) is text to it, so the same ideas apply to the line's tokens.
 * Every regex here has bounded, non-nested quantifiers: linear over event data.
 * @see https://github.com/getsentry/relay/blob/master/relay-pii/src/regexes.rs
 * @see https://github.com/getsentry/relay/blob/master/relay-pii/src/builtin.rs
 */

export interface ShapeSpan { start: number; end: number }

/**
 * Well-known credential shapes: Stripe secret and restricted keys (`sk_live_…`, `rk_test_…`; the
 * publishable `pk_` keys are public), AWS access key ids, GitHub and Slack tokens, and US social
 * security numbers (Relay's `@usssn`, part of the default rules).
 */
const SHAPE_RES: readonly RegExp[] = [
  /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{1,255}/g,
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})/g,
  /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,255}/g,
  /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g,
];

/** Where `text` holds a credential recognisable by its shape alone. */
export function secretShapeSpans(text: string): ShapeSpan[] {
  const spans: ShapeSpan[] = [];
  for (const re of SHAPE_RES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Names whose value is a secret when the name ends with them (after `_`, `-` and `.` are dropped
 * and case is folded): `db_password`, `STRIPE_SECRET`, `authToken`, `X-Api-Key`, `session`.
 * Relay's `@password` key pattern, plus Lookout's `session`/`cookie`/`bearer`.
 */
const SENSITIVE_NAME_END_RE = /(?:password|passwd|passphrase|secret|apikey|accesstoken|auth|authorization|credentials?|mysqlpwd|privatekey|token|session|cookie|bearer)$/;

/** Trailing words that still name the secret itself (`session_id`, `password_hash`, `api_key_value`). */
const SECRET_SUFFIX_RE = /(?:id|key|hash|digest|value|str|string|confirmation|b64|hex)$/;

/**
 * Whether the value assigned to `name` in text is a secret. Unlike a structured key (matched as
 * a substring, as Sentry does), a name in a code line is matched on its last word: a sensitive
 * word inside a longer identifier (`auto_session_tracking`, `is_authenticated`, `author`,
 * `token_count`) names a setting or a count, not a secret.
 */
export function isSensitiveTextName(name: string): boolean {
  let norm = name.toLowerCase().replace(/[-_.[\]]/g, '');
  for (let strip = 0; strip < 3 && norm !== ''; strip++) {
    if (SENSITIVE_NAME_END_RE.test(norm)) return true;
    const suffix = SECRET_SUFFIX_RE.exec(norm);
    if (!suffix) return false;
    norm = norm.slice(0, suffix.index);
  }
  return false;
}
