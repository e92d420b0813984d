import type { SentryFrame } from '../../shared/sentry';
import { readAllowedText, type ReadScope } from './safe-read';

/** Lines of context either side of the frame line, as Sentry SDKs send. */
export const CONTEXT_RADIUS = 5;
/** The most a caller may ask for around one line ("the whole function's neighbourhood"). */
export const MAX_WINDOW_RADIUS = 500;
/** Long (minified) lines are clipped so one frame can't carry a whole bundle. */
export const MAX_LINE_CHARS = 1000;

/** Lines of a file; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A long line cut to {@link MAX_LINE_CHARS}: around 1-based `colno` when given (a minified
 * bundle's throw is far into its one line, as Sentry's `trim_line` keeps the window around the
 * column), else from its start. "…" marks each cut end.
 */
export function clipLine(line: string, colno?: number): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  const col = colno !== undefined && Number.isInteger(colno) && colno > 0 ? Math.min(colno - 1, line.length) : 0;
  const start = Math.max(0, Math.min(col - Math.floor(MAX_LINE_CHARS / 2), line.length - MAX_LINE_CHARS));
  const end = start + MAX_LINE_CHARS;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

export interface FrameContext {
  pre_context: string[];
  context_line: string;
  post_context: string[];
}

/** Context around 1-based `lineno` (long lines cut around `colno`), or null when the line is not in the text. */
export function contextAround(lines: readonly string[], lineno: number, radius = CONTEXT_RADIUS, colno?: number): FrameContext | null {
  const idx = lineno - 1;
  const line = lines[idx];
  if (!Number.isInteger(lineno) || line === undefined) return null;
  const clip = (l: string): string => clipLine(l, colno);
  return {
    pre_context: lines.slice(Math.max(0, idx - radius), idx).map(clip),
    context_line: clip(line),
    post_context: lines.slice(idx + 1, idx + 1 + radius).map(clip),
  };
}

export function setContext(frame: SentryFrame, ctx: FrameContext | null): void {
  if (ctx) {
    frame.pre_context = ctx.pre_context;
    frame.context_line = ctx.context_line;
    frame.post_context = ctx.post_context;
  } else {
    delete frame.pre_context;
    delete frame.context_line;
    delete frame.post_context;
  }
}

export interface SourceWindow {
  file: string;
  startLine: number;
  lines: string[];
  changedSinceEvent: boolean;
}

/**
 * Lines `line ± radius` of a local file that `scope` allows, for the "show more" control.
 * `changedSinceEvent` is true when the file's mtime is newer than the event.
 */
export async function readWindow(
  file: string,
  line: number,
  radius: number,
  scope: ReadScope,
  eventTimeMs?: number,
): Promise<SourceWindow | { error: string }> {
  if (!Number.isInteger(line) || line < 1) return { error: 'line must be a positive integer' };
  const r = Number.isFinite(radius) ? Math.min(Math.max(0, Math.floor(radius)), MAX_WINDOW_RADIUS) : CONTEXT_RADIUS;
  const read = await readAllowedText(file, scope);
  if (!read.ok) return { error: read.reason };
  const lines = splitLines(read.text);
  if (line > lines.length) return { error: `line ${line} is past the end of ${read.path} (${lines.length} lines)` };
  const start = Math.max(1, line - r);
  return {
    file: read.path,
    startLine: start,
    lines: lines.slice(start - 1, line + r).map((l) => clipLine(l)),
    changedSinceEvent: typeof eventTimeMs === 'number' && read.mtimeMs > eventTimeMs,
  };
}
