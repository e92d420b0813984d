import type { CSSProperties } from 'react';
import { type AnsiColor, type AnsiSegment, type AnsiStyle, hasAnsi, parseAnsi } from '../../../shared/ansi';

/** Palette colours are theme variables (styles/ansi.css), so they stay readable in light and dark. */
const cssColor = (color: AnsiColor): string => (typeof color === 'number' ? `var(--ansi-${color})` : color);

function cssOf(style: AnsiStyle): CSSProperties | undefined {
  const fg = style.fg === undefined ? undefined : cssColor(style.fg);
  const bg = style.bg === undefined ? undefined : cssColor(style.bg);
  const css: CSSProperties = style.inverse ? { color: bg ?? 'var(--bg-elev)', backgroundColor: fg ?? 'var(--text)' } : { color: fg, backgroundColor: bg };
  if (style.bold) css.fontWeight = 600;
  if (style.dim) css.opacity = 0.65;
  if (style.italic) css.fontStyle = 'italic';
  const lines = [style.underline && 'underline', style.strike && 'line-through'].filter(Boolean).join(' ');
  if (lines) css.textDecoration = lines;
  return Object.values(css).some((v) => v !== undefined) ? css : undefined;
}

/** Styled runs as React spans: text nodes only, never HTML. */
export function AnsiSegments({ segments }: { segments: readonly AnsiSegment[] }) {
  return <>{segments.map((s, i) => {
    const css = cssOf(s.style);
    return css ? <span key={i} className="ansi" style={css}>{s.text}</span> : s.text;
  })}</>;
}

/** Text as a terminal showed it: colours and weights from its escape sequences, which are not shown themselves. */
export function AnsiText({ text }: { text: string }) {
  return hasAnsi(text) ? <AnsiSegments segments={parseAnsi(text)} /> : <>{text}</>;
}

/** The first `chars` characters of the visible text, cut across runs. */
export function firstChars(segments: readonly AnsiSegment[], chars: number): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let left = chars;
  for (const s of segments) {
    if (left <= 0) break;
    out.push(s.text.length <= left ? s : { text: s.text.slice(0, left), style: s.style });
    left -= s.text.length;
  }
  return out;
}
