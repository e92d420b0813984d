/**
 * The HTML report's stack frames: in-app frames open with their source lines (a line the scrubbing
 * rewrote marked as such), library frames folded, and why minified frames were not source-mapped.
 * Every frame string is event text, escaped.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
import { esc, htmlTable } from './html-syntax';
import { FILTERED_LINE_NOTE, FILTERED_MARK, type FrameView } from './report-stack';
import { unmappedLines, type UnmappedNote } from './report-unmapped';

/** Source lines; with a line the scrubbing rewrote, a marker column (`*`, titled) and the note below. */
function sourceBlock(f: FrameView): string[] {
  const width = Math.max(...f.context.map((l) => String(l.lineno ?? '').length));
  const marks = f.context.some((l) => l.filtered);
  const mark = (filtered: boolean): string => (!marks ? ''
    : filtered ? `<span class="filtered-mark" title="Values filtered in this line">${FILTERED_MARK}</span>` : ' ');
  const lines = f.context.map((l) => `<span class="line${l.current ? ' current' : ''}${l.filtered ? ' filtered' : ''}">`
    + `${mark(l.filtered)}${esc(String(l.lineno ?? '').padStart(width))} | ${esc(l.text)}</span>`);
  return [`<pre><code>${lines.join('\n')}</code></pre>`, ...(marks ? [`<p class="muted filtered-note">${esc(FILTERED_LINE_NOTE)}</p>`] : [])];
}

export function frames(list: FrameView[], omitted: number): string[] {
  const out: string[] = [];
  let library: FrameView[] = [];
  const flush = (): void => {
    if (library.length === 0) return;
    const items = library.map((f) => `<li><code>${esc(f.fn)}</code> in <code>${esc(f.location)}</code>`
      + `${f.unmapped === null ? '' : ' <span class="muted">(not source-mapped)</span>'}</li>`).join('\n');
    out.push(`<details class="library">\n<summary>${library.length} library frame${library.length === 1 ? '' : 's'}</summary>\n<ul>\n${items}\n</ul>\n</details>`);
    library = [];
  };
  for (const f of list) {
    if (!f.inApp) { library.push(f); continue; }
    flush();
    out.push(`<div class="frame-head"><code>${esc(f.fn)}</code> in <code>${esc(f.location)}</code></div>`);
    if (f.unmapped !== null) out.push(`<p class="muted frame-unmapped">Not source-mapped: ${esc(f.unmapped)}</p>`);
    if (f.context.length > 0) out.push(...sourceBlock(f));
    if (f.vars.length > 0) out.push(htmlTable(['Local variable', 'Value'], f.vars, [0, 1]));
  }
  flush();
  if (omitted > 0) out.push(`<p class="muted">${omitted} older frames not shown.</p>`);
  return out;
}

/** Why frames are minified and what maps them: the reasons, each file's debug id, release and dist. */
export function htmlUnmapped(n: UnmappedNote): string {
  const { head, items } = unmappedLines(n);
  return `<div id="unmapped-note">\n<p><strong>Not source-mapped.</strong> ${esc(head)}</p>\n<ul>\n${items.map((i) => `<li>${esc(i)}</li>`).join('\n')}\n</ul>\n</div>`;
}
