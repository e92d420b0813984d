/**
 * Credentials Sentry's default scrubbing finds by shape rather than by key: the password of a URL
 * (`postgres://admin:pw@db/shop`, Relay's `@urlauth`) and the body of a PEM private key (Relay's
 * `@pemkey`). Linear scanners, as in scrub-text.ts.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */

export interface CredentialSpan { start: number; end: number }

const AUTHORITY_MAX = 512;
const AUTHORITY_STOP = new Set(['/', '?', '#', ' ', '\t', '\r', '\n', '"', "'", '<', '>', '`', ',']);

/**
 * The `password` of every `scheme://user:password@host`. As URL parsers read it, the userinfo
 * ends at the authority's last `@` (a password may hold `@`), and the user may be empty
 * (`redis://:pw@cache`).
 */
export function urlPasswordSpans(text: string): CredentialSpan[] {
  const spans: CredentialSpan[] = [];
  let at = text.indexOf('://');
  while (at !== -1) {
    const from = at + 3;
    let i = from;
    let colon = -1;
    let lastAt = -1;
    while (i < text.length && i - from < AUTHORITY_MAX && !AUTHORITY_STOP.has(text[i] ?? '')) {
      if (text[i] === '@') lastAt = i;
      else if (text[i] === ':' && colon === -1 && lastAt === -1) colon = i;
      i++;
    }
    if (lastAt !== -1 && colon >= from && lastAt > colon + 1) spans.push({ start: colon + 1, end: lastAt });
    at = text.indexOf('://', Math.max(i, from));
  }
  return spans;
}

const PEM_BEGIN = /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/;

/** The key between `-----BEGIN … PRIVATE KEY-----` and its END line (to the text's end if cut off). */
export function pemKeySpans(text: string): CredentialSpan[] {
  const spans: CredentialSpan[] = [];
  let at = text.indexOf('-----BEGIN ');
  while (at !== -1) {
    const header = PEM_BEGIN.exec(text.slice(at, at + 80));
    if (!header) { at = text.indexOf('-----BEGIN ', at + 1); continue; }
    const start = at + header[0].length;
    const endAt = text.indexOf('-----END ', start);
    const end = endAt === -1 ? text.length : endAt;
    if (end > start) spans.push({ start, end });
    at = endAt === -1 ? -1 : text.indexOf('-----BEGIN ', endAt + 1);
  }
  return spans;
}
