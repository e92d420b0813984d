/**
 * HTML building blocks that keep event text inert: escaped text and attributes, JSON data
 * islands that cannot close their `<script>`, and inlined code/CSS that cannot end its element.
 * @see https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, fully escaped. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * A `<script type="application/json">` island. `<` becomes `\u003c`, so no `</script` or
 * `<!--` can appear inside; `JSON.parse` reads it back unchanged.
 */
export function jsonIsland(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${esc(id)}">${json}</script>`;
}

/**
 * Inlines trusted library code. `</script` and `<!--` are rewritten with escapes that mean the
 * same inside JS strings, regexes and templates (the only places such text can occur).
 */
export function inlineScript(js: string): string {
  const safe = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\u0021--');
  return `<script>${safe}</script>`;
}

/** Inlines trusted CSS; `</style` is rewritten with a CSS escape. */
export function inlineStyle(css: string): string {
  return `<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`;
}

/** `<table>` of label/value rows; both sides are plain text and get escaped here. */
export function htmlTable(header: string[], rows: string[][], codeColumns: number[] = []): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td>${codeColumns.includes(i) ? `<code>${esc(c)}</code>` : esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
