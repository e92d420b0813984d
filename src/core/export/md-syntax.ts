/**
 * GitHub-flavoured Markdown building blocks that keep event text inert: escaped inline text,
 * code spans and fences that the content cannot close, table cells that cannot split.
 * @see https://github.github.com/gfm/
 */

const INLINE_SPECIALS = /[\\`*_[\]<>|~&#]/g;

/** Longest run of `ch` in `text` (bounded by the text length). */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** Inline text on one line, every Markdown and HTML special character backslash-escaped. */
export function mdText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(INLINE_SPECIALS, (c) => `\\${c}`);
}

/** A code span the content cannot close; `inTable` escapes pipes, which would split the cell. */
export function mdCode(text: string, inTable = false): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '` `';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${inTable ? flat.replace(/\|/g, '\\|') : flat}${pad}${ticks}`;
}

/** A fenced block longer than any backtick run inside it. */
export function mdFence(content: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  const body = content.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return `${fence}${language.replace(/[^A-Za-z0-9+#-]/g, '')}\n${body}\n${fence}`;
}

/** A GFM table; every cell is already-rendered inline Markdown. */
export function mdTable(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')} |`;
  const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
