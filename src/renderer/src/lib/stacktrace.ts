/**
 * Preparing stack traces for display: newest frame first, runs of library frames folded, and
 * a plain-text rendering for the "raw" view. Every loop is bounded by the input size.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
import { frameFileLabel, frameLine } from '../../../shared/frame-label';
import { isNativePlatform } from '../../../shared/native-crash';
import { nativeStackLines } from '../../../shared/native-crash-text';
import { framePlace, imagesAreWide, parseAddress, type NativeImage } from '../../../shared/native-images';
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
 * A native frame's place in its image, `+0x1a2b` (`instruction_addr` less the image's start), as
 * Sentry's relative addresses show an unsymbolicated frame. The image is the frame's `image_addr`,
 * else the `debug_meta` image whose range holds the address; null when neither places it.
 */
export function imageOffset(frame: SentryFrame, images: readonly NativeImage[] = []): string | null {
  return framePlace(frame, images)?.offset ?? null;
}

/** An image some frames lie in without a symbol, and how many: what Sentry flags as a missing debug file. */
export interface UnsymbolicatedImage { image: string; debugId: string | null; frames: number }

/**
 * The images of the frames that have an address but no function name, once each, innermost first;
 * `image` is '' when no listed image holds the address.
 */
export function unsymbolicatedImages(frames: readonly SentryFrame[], images: readonly NativeImage[]): UnsymbolicatedImage[] {
  const byName = new Map<string, UnsymbolicatedImage>();
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i] as SentryFrame;
    if (parseAddress(frame.instruction_addr) === null || functionName(frame) !== '<unknown>') continue;
    const place = framePlace(frame, images);
    const key = place?.image ?? '';
    const entry = byName.get(key) ?? { image: key, debugId: place?.debugImage?.debugId ?? null, frames: 0 };
    entry.frames++;
    byName.set(key, entry);
  }
  return [...byName.values()];
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

/**
 * Plain text, newest first, like a runtime would print it (at most `maxFrames` lines). Native
 * frames print as an Apple crash report's lines: index, image, address, symbol or image + offset.
 */
export function rawStackText(typeLine: string, frames: readonly SentryFrame[], maxFrames = 2000, eventPlatform?: string,
  images: readonly NativeImage[] = []): string {
  if (isNativePlatform(eventPlatform) || (images.length > 0 && frames.some((f) => framePlace(f, images) !== null))) {
    const wide = imagesAreWide(images) || frames.some((f) => (parseAddress(f.instruction_addr) ?? 0n) > 0xffffffffn);
    return [typeLine, ...nativeStackLines({ frames }, images, wide, maxFrames)].join('\n');
  }
  const lines = [typeLine];
  const shown = Math.min(frames.length, maxFrames);
  for (let n = 0; n < shown; n++) {
    const frame = frames[frames.length - 1 - n] as SentryFrame;
    lines.push(`    at ${functionName(frame)} (${fileLabel(frame, eventPlatform)}${position(frame)})`);
  }
  if (frames.length > shown) lines.push(`    ... ${frames.length - shown} more frames`);
  return lines.join('\n');
}
