/**
 * Terminal escape sequences in event text: SDKs forward what a program printed, colours and all
 * (console breadcrumbs, log bodies, messages of tools that colour their output such as Next.js,
 * chalk or pino-pretty). SGR sequences (`ESC [ … m`) become styles; every other escape sequence
 * (cursor moves, OSC hyperlinks, charset switches) is dropped, so no control byte is shown.
 * @see https://ecma-international.org/publications-and-standards/standards/ecma-48/
 */

/** A colour: 0–15 from the terminal's palette (8–15 bright), or `rgb(r, g, b)` from 256-colour or true-colour codes. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

// CSI with its parameters, intermediates and final byte; OSC up to BEL or ST (or the next escape
// when unterminated); any other escape with its intermediates and final. The 8-bit CSI (U+009B)
// is left alone: programs do not print it, and in mis-decoded text it is part of a character.
const ESCAPES = /\x1b\[([0-?]*)[ -/]*([@-~])?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b(?:[ -/]*[0-~])?/g;
const HAS_ESCAPE = /\x1b/;
const SGR_PARAMS = /^[\d;:]*$/;

/** True when the text holds an escape sequence (the fast path for the usual plain text). */
export function hasAnsi(text: string): boolean {
  return HAS_ESCAPE.test(text);
}

/** The text without its escape sequences: what a terminal would show, minus the colours. */
export function stripAnsi(text: string): string {
  return hasAnsi(text) ? text.replace(ESCAPES, '') : text;
}

/** The text cut into runs of one style each; escape sequences are consumed, never returned. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!hasAnsi(text)) return text ? [{ text, style: {} }] : [];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (end: number) => {
    if (end <= last) return;
    const previous = segments.at(-1);
    if (previous && previous.style === style) previous.text += text.slice(last, end);
    else segments.push({ text: text.slice(last, end), style });
  };
  for (const match of text.matchAll(ESCAPES)) {
    push(match.index);
    const [, params, final] = match;
    if (final === 'm' && params !== undefined && SGR_PARAMS.test(params)) style = applySgr(style, params);
    last = match.index + match[0].length;
  }
  push(text.length);
  return segments;
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48) {
      const { color, used } = extendedColor(codes, i + 1);
      if (color !== undefined) next[code === 38 ? 'fg' : 'bg'] = color;
      i += used;
    } else if (code === 0) next = {};
    else applyCode(next, code);
  }
  return next;
}

const SETS: Record<number, keyof AnsiStyle> = { 1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 7: 'inverse', 9: 'strike' };
const RESETS: Record<number, (keyof AnsiStyle)[]> = {
  22: ['bold', 'dim'], 23: ['italic'], 24: ['underline'], 27: ['inverse'], 29: ['strike'], 39: ['fg'], 49: ['bg'],
};

function applyCode(style: AnsiStyle, code: number): void {
  const flag = SETS[code];
  if (flag) (style as Record<string, unknown>)[flag] = true;
  for (const key of RESETS[code] ?? []) delete style[key];
  if (code >= 30 && code <= 37) style.fg = code - 30;
  else if (code >= 40 && code <= 47) style.bg = code - 40;
  else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
  else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
}

const byte = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined);
const rgb = (r: number, g: number, b: number) => `rgb(${r}, ${g}, ${b})`;

/** `5;n` (256 colours) or `2;r;g;b` (true colour) after a 38 / 48; `used` counts the codes read. */
function extendedColor(codes: number[], at: number): { color: AnsiColor | undefined; used: number } {
  if (codes[at] === 5) return { color: paletteColor(byte(codes[at + 1])), used: 2 };
  if (codes[at] === 2) {
    const [r, g, b] = [byte(codes[at + 1]), byte(codes[at + 2]), byte(codes[at + 3])];
    return { color: r !== undefined && g !== undefined && b !== undefined ? rgb(r, g, b) : undefined, used: 4 };
  }
  return { color: undefined, used: codes.length };
}

/** xterm's 256 colours: the 16 of the palette, a 6×6×6 cube, then 24 greys. */
function paletteColor(n: number | undefined): AnsiColor | undefined {
  if (n === undefined || n < 16) return n;
  if (n >= 232) {
    const grey = 8 + (n - 232) * 10;
    return rgb(grey, grey, grey);
  }
  const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
  const cube = n - 16;
  return rgb(level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6));
}
