/**
 * Whether a frame's local file still holds the code that ran. The SDK's own context lines are the
 * evidence when it sent them (Node's and Python's context-lines integrations read the file as the
 * app ran): the file changed only if its lines at the frame's line number differ from them. Only
 * without them does the file's mtime decide, against the time the event *arrived* (an event's own
 * timestamp can be backdated or buffered, so a file saved before the crash would look edited after).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/#frame-attributes
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/node/src/integrations/contextlines.ts
 */
import { readFile, stat } from 'node:fs/promises';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { locateFile } from '../symbolicate/locate-file';
import { exceptionFrames, localFileOf } from './source-scope';

/** Files larger than this are not read to compare lines; their mtime decides. */
const MAX_COMPARE_BYTES = 4 * 1024 * 1024;

/** What a file is now: its mtime and (when small enough) its lines; null when it is not a readable file. */
interface FileNow { mtimeMs: number; lines: string[] | null }

/** Reads each file once per view, however many frames name it. */
export class FileProbe {
  private readonly files = new Map<string, Promise<FileNow | null>>();

  get size(): number { return this.files.size; }

  read(file: string): Promise<FileNow | null> {
    let pending = this.files.get(file);
    if (!pending) {
      pending = readNow(file);
      this.files.set(file, pending);
    }
    return pending;
  }
}

async function readNow(file: string): Promise<FileNow | null> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return null;
    if (s.size > MAX_COMPARE_BYTES) return { mtimeMs: s.mtimeMs, lines: null };
    const text = await readFile(file, 'utf8');
    return { mtimeMs: s.mtimeMs, lines: text.split(/\r?\n/) };
  } catch {
    return null;
  }
}

/**
 * One SDK line against the file's line. Both are compared trimmed (Sentry's context lines lose
 * their line ending and SDKs differ on indentation), and a line the SDK shortened around the
 * column (`{snip}` markers, lines over 150 characters) matches when its kept part is in the file's.
 */
function sameLine(sent: string, onDisk: string | undefined): boolean {
  if (onDisk === undefined) return sent.trim() === '';
  if (!sent.includes('{snip}')) return sent.trim() === onDisk.trim();
  const kept = sent.replace(/^'?\{snip\} /, '').replace(/ \{snip\}$/, '').trim();
  return onDisk.includes(kept);
}

function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * True when the frame's sent lines differ from `lines` at its line number, false when they all
 * match, null when the frame carries no context line to compare.
 */
export function frameLinesDiffer(frame: SentryFrame, lines: string[]): boolean | null {
  const lineno = frame.lineno;
  if (typeof frame.context_line !== 'string' || typeof lineno !== 'number' || !Number.isInteger(lineno) || lineno < 1) return null;
  const pre = stringsOf(frame.pre_context);
  const post = stringsOf(frame.post_context);
  const at = (n: number) => lines[n - 1];
  if (!sameLine(frame.context_line, at(lineno))) return true;
  if (pre.some((l, i) => !sameLine(l, at(lineno - pre.length + i)))) return true;
  return post.some((l, i) => !sameLine(l, at(lineno + 1 + i)));
}

/**
 * Whether `file` changed since the event, judged over the frames that name it: by their context
 * lines when any has them (the file changed if one differs), else by mtime after `receivedMs`.
 * Null when the file cannot be read.
 */
export async function fileChangedSinceEvent(probe: FileProbe, file: string, frames: SentryFrame[], receivedMs: number): Promise<boolean | null> {
  const now = await probe.read(file);
  if (!now) return null;
  if (now.lines) {
    let compared = false;
    for (const frame of frames) {
      const differs = frameLinesDiffer(frame, now.lines);
      if (differs === true) return true;
      if (differs === false) compared = true;
    }
    if (compared) return false;
  }
  return now.mtimeMs > receivedMs;
}

/** {@link fileChangedSinceEvent} over the frames of `event` (as stored) that name `file`: the "show more" window's warning. */
export function eventFileChanged(event: SentryEvent, file: string, receivedMs: number): Promise<boolean | null> {
  const frames = exceptionFrames(event).flat().filter((f) => localFileOf(f) === file);
  return fileChangedSinceEvent(new FileProbe(), file, frames, receivedMs);
}

/**
 * The file Lookout can read now for a frame: its local path, else, for a browser frame named by
 * URL (a dev server's or a source map's `http://…/src/cart.ts`), the file a source root serves at
 * that path, so browser frames get the same drift check as Node's.
 */
export async function currentFileOf(frame: SentryFrame, roots: readonly string[]): Promise<string | null> {
  const local = localFileOf(frame);
  if (local) return local;
  const ref = frame.abs_path;
  if (typeof ref !== 'string' || !/^https?:\/\//i.test(ref) || roots.length === 0) return null;
  return locateFile(ref, { roots });
}

/**
 * Where the frame's sent lines (pre_context, context_line, post_context) are in the file now: the
 * line whose text is the context line and whose neighbours match at least half of the sent ones
 * (all of them for a blank context line), the most matching first, then the nearest to the old
 * line. Null when no line fits: the code that ran is no longer in the file.
 */
export function findMovedLine(frame: SentryFrame, lines: string[]): number | null {
  const current = frame.context_line;
  if (typeof current !== 'string') return null;
  const old = typeof frame.lineno === 'number' ? frame.lineno : 0;
  const pre = stringsOf(frame.pre_context);
  const post = stringsOf(frame.post_context);
  const neighbours = pre.length + post.length;
  const needed = current.trim() === '' ? neighbours : Math.ceil(neighbours / 2);
  let best: number | null = null;
  let bestScore = -1;
  for (let at = 1; at <= lines.length; at++) {
    if (!sameLine(current, lines[at - 1])) continue;
    let score = 0;
    pre.forEach((l, i) => { if (sameLine(l, lines[at - pre.length + i - 1])) score++; });
    post.forEach((l, i) => { if (sameLine(l, lines[at + i])) score++; });
    if (score < needed) continue;
    if (score > bestScore || (score === bestScore && best !== null && Math.abs(at - old) < Math.abs(best - old))) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

/**
 * For "show more context" on a changed file: the line the frame's code is at now, or `gone` when
 * its sent lines are not in the file. Null when the event has no frame with sent lines at
 * `file:line`, or they still match the file there.
 */
export async function alignedLine(event: SentryEvent, file: string, line: number): Promise<{ movedTo: number } | { gone: true } | null> {
  const frame = exceptionFrames(event).flat().find((f) => f.lineno === line && typeof f.context_line === 'string' && localFileOf(f) === file);
  if (!frame) return null;
  const now = await new FileProbe().read(file);
  if (!now?.lines || frameLinesDiffer(frame, now.lines) !== true) return null;
  const moved = findMovedLine(frame, now.lines);
  return moved === null ? { gone: true } : { movedTo: moved };
}
