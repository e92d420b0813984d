/**
 * Invisible characters in event text that change how the text around them reads: bidi overrides,
 * embeddings and isolates (a U+202E in `Error\u202Eexe.live` shows as `Errorevil.exe`, the
 * "Trojan Source" spoof) and zero-width characters. Where one line of event text is shown (titles,
 * notifications, the CLI) each one is replaced by a visible `<U+202E>` marker, as GitHub shows hidden
 * bidi characters, so the line reads in the order it was written. Zero-width (non-)joiners stay:
 * emoji sequences and Persian and Indic words need them.
 * Pure: shared by the renderer, the HTML report, the desktop notifications and the CLI.
 * @see https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters
 * @see https://trojansource.codes/
 */

/**
 * Bidi controls (LRE, RLE, PDF, LRO, RLO U+202A–202E; LRI, RLI, FSI, PDI U+2066–2069; LRM, RLM, ALM),
 * zero-width space, word joiner and invisible operators, the BOM and the Mongolian vowel separator.
 */
const FORMAT_CHARS_RE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u180e]/g;

/** Unpaired UTF-16 surrogates (`"\udcff"` in a Python SDK's JSON). */
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether `text` holds a character {@link revealFormatChars} would mark. */
export function hasFormatChars(text: string): boolean {
  FORMAT_CHARS_RE.lastIndex = 0;
  return FORMAT_CHARS_RE.test(text);
}

/** The code point's `<U+XXXX>` marker. */
export function formatCharMarker(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** `text` with every bidi control and invisible format character shown as `<U+XXXX>`. */
export function revealFormatChars(text: string): string {
  return hasFormatChars(text) ? text.replace(FORMAT_CHARS_RE, formatCharMarker) : text;
}

/**
 * `text` with each lone surrogate replaced by one U+FFFD, as `String.prototype.toWellFormed` does.
 * SQLite stores a JS string as UTF-8 and better-sqlite3 writes a lone surrogate as its 3 raw bytes,
 * which read back as 3 U+FFFD, while the same text parsed from the event's JSON shows one: a title
 * made well-formed before it is stored reads as the exception value does.
 */
export function wellFormed(text: string): string {
  LONE_SURROGATE_RE.lastIndex = 0;
  return LONE_SURROGATE_RE.test(text) ? text.replace(LONE_SURROGATE_RE, '\ufffd') : text;
}

/**
 * One line of untrusted text for a notification or a terminal: control characters (C0, DEL, C1: a
 * terminal escape) become spaces, bidi and invisible format characters visible markers.
 */
export function oneLineText(text: string): string {
  return revealFormatChars(text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')).replace(/ {2,}/g, ' ').trim();
}
