/**
 * Preparing stack traces for display: newest frame first, runs of library frames folded, and
 * a plain-text rendering for the "raw" view. Every loop is bounded by the input size.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
import { frameFileLabel, frameLine } from '../../../shared/frame-label';
import type { SentryFrame, SentryStacktrace } from '../../../shared/sentry';

/** Frames from a stacktrace-like value, ignoring anything that is not an object. */
export function framesOf(stacktrace: unknown): SentryFrame[] {
  if (typeof stacktrace !== 'object' || stacktrace === null) return [];
  const frames = (stacktrace as SentryStacktrace).frames;
  if (!Array.isArray(frames)) return [];
  return frames.filter((f): f is SentryFrame => typeof f === 'object' && f !== null);
}

/** A frame plus its position in the newest-first order (0 = where the error was thrown). */
export interface IndexedFrame { frame: SentryFrame; index: number }

export type FrameBlock =
  | { kind: 'frame'; entry: IndexedFrame }
  | { kind: 'folded'; entries: IndexedFrame[] };

/**
 * Newest-first blocks. With `full`, every frame is shown. Otherwise library frames between
 * app frames are folded into one expandable block — unless no frame is in-app at all, since
 * folding everything would hide the whole trace. The crash frame is never folded.
 */
export function frameBlocks(frames: readonly SentryFrame[], full: boolean): FrameBlock[] {
  const newestFirst: IndexedFrame[] = [];
  for (let i = frames.length - 1, n = 0; i >= 0; i--, n++) newestFirst.push({ frame: frames[i] as SentryFrame, index: n });
  const hasApp = newestFirst.some((e) => e.frame.in_app === true);
  if (full || !hasApp) return newestFirst.map((entry) => ({ kind: 'frame', entry }));
  const blocks: FrameBlock[] = [];
  let run: IndexedFrame[] = [];
  const flush = (): void => {
    if (run.length === 1) blocks.push({ kind: 'frame', entry: run[0] as IndexedFrame });
    else if (run.length > 1) blocks.push({ kind: 'folded', entries: run });
    run = [];
  };
  for (const entry of newestFirst) {
    if (entry.frame.in_app === true || entry.index === 0) {
      flush();
      blocks.push({ kind: 'frame', entry });
    } else {
      run.push(entry);
    }
  }
  flush();
  return blocks;
}

/** `function` or `raw_function`, else a placeholder. */
export function functionName(frame: SentryFrame): string {
  const name = typeof frame.function === 'string' && frame.function ? frame.function
    : typeof frame.raw_function === 'string' && frame.raw_function ? frame.raw_function : '';
  // A native frame without a symbol is an address in an image, not an anonymous function.
  return name || (typeof frame.instruction_addr === 'string' && frame.instruction_addr ? '<unknown>' : '<anonymous>');
}

/** The frame's file label (see `frameFileLabel`: the module first on Java and .NET). */
export function fileLabel(frame: SentryFrame, eventPlatform?: string): string {
  return frameFileLabel(frame, eventPlatform);
}

/**
 * A native frame's place in its image, `+0x1a2b` (`instruction_addr` less `image_addr`), as
 * Sentry's relative addresses show an unsymbolicated frame; null without both or outside the image.
 */
export function imageOffset(frame: SentryFrame): string | null {
  const { instruction_addr: addr, image_addr: image } = frame;
  const hex = /^0x[0-9a-f]{1,16}$/i;
  if (typeof addr !== 'string' || typeof image !== 'string' || !hex.test(addr) || !hex.test(image)) return null;
  const offset = BigInt(addr) - BigInt(image);
  return offset >= 0n ? `+0x${offset.toString(16)}` : null;
}

/**
 * Whether the stack walker found a native frame only by scanning the stack for a word that points
 * into a loaded image (`trust` `scan` or `cfi-scan`): such a frame may be a stale return address,
 * which Sentry's native frames say on hover ("Found by stack scanning").
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/stackTrace/native/nativeFrameAddress.tsx
 */
export function foundByStackScanning(frame: SentryFrame): boolean {
  return frame.trust === 'scan' || frame.trust === 'cfi-scan';
}

/** The path the editor should open: absolute path when it is a local one, else filename. */
export function openablePath(frame: SentryFrame): string | null {
  const abs = typeof frame.abs_path === 'string' ? frame.abs_path : '';
  const file = typeof frame.filename === 'string' ? frame.filename : '';
  const candidate = abs || file;
  if (!candidate || candidate.startsWith('<') || candidate === '[native code]') return null;
  return candidate;
}

function position(frame: SentryFrame): string {
  const lineno = frameLine(frame.lineno);
  const line = lineno !== null ? `:${lineno}` : '';
  const col = line && typeof frame.colno === 'number' ? `:${frame.colno}` : '';
  return line + col;
}

/** Plain text, newest first, like a runtime would print it (at most `maxFrames` lines). */
export function rawStackText(typeLine: string, frames: readonly SentryFrame[], maxFrames = 2000, eventPlatform?: string): string {
  const lines = [typeLine];
  const shown = Math.min(frames.length, maxFrames);
  for (let n = 0; n < shown; n++) {
    const frame = frames[frames.length - 1 - n] as SentryFrame;
    lines.push(`    at ${functionName(frame)} (${fileLabel(frame, eventPlatform)}${position(frame)})`);
  }
  if (frames.length > shown) lines.push(`    ... ${frames.length - shown} more frames`);
  return lines.join('\n');
}
