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
