/**
 * JSON parsing that also accepts the bare `NaN`, `Infinity` and `-Infinity` tokens Python's
 * `json.dumps` writes for non-finite floats (sentry-python, raven-python). Relay does the same
 * for those clients on the store endpoint.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NON_FINITE_TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;
const TOKEN_STARTS = new Set(NON_FINITE_TOKENS.map((t) => t.charCodeAt(0)));

/**
 * `JSON.parse`, retried once with every `NaN` / `Infinity` / `-Infinity` token outside strings
 * turned into `null` if the first attempt fails. Throws the parser's SyntaxError when the text
 * is not JSON either way. Depth is no concern: V8's JSON.parse is not recursive.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!text.includes('NaN') && !text.includes('Infinity')) throw err;
    const rewritten = replaceNonFiniteTokens(text);
    if (rewritten === text) throw err;
    return JSON.parse(rewritten);
  }
}

/** One left-to-right pass (no recursion, so nesting depth does not matter). */
function replaceNonFiniteTokens(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i + 1);
      continue;
    }
    const token = TOKEN_STARTS.has(code) ? NON_FINITE_TOKENS.find((t) => text.startsWith(t, i)) : undefined;
    if (token === undefined) {
      i++;
      continue;
    }
    parts.push(text.slice(copiedUpTo, i), 'null');
    i += token.length;
    copiedUpTo = i;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Index just past the quote closing the string whose content starts at `from` (or the text end). */
function endOfString(text: string, from: number): number {
  let searchFrom = from;
  for (;;) {
    const quote = text.indexOf('"', searchFrom);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (quote - backslashes - 1 >= searchFrom && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    searchFrom = quote + 1;
  }
}
