/**
 * What a teammate needs to act on a native crash in a bug report, beyond the frames: which thread
 * crashed, what the OS recorded (signal, Mach exception), the crashed thread's registers, the
 * binary images the stack lies in (name, range, arch, debug id: what symbol files are looked up by),
 * and which frames lack a symbol for want of a debug file.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/threads/
 */
import { crashedThread, isNativeEvent, mechanismFacts, type MechanismFact } from '../../shared/native-crash';
import { imagesOfStacks } from '../../shared/native-crash-text';
import { formatAddress, framePlace, imagesAreWide, nativeImagesOf, parseAddress } from '../../shared/native-images';
import { cpuArch, registersOf } from '../../shared/registers';
import { asArr, asObj, asStr, clip, valuesOf, type Obj } from './format';

export interface BinaryImageView { name: string; range: string; arch: string; debugId: string; path: string }

export interface NativeView {
  /** `0 com.apple.main-thread`; null when the event lists no thread. */
  crashedThread: string | null;
  mechanism: MechanismFact[];
  /** Name and value at the CPU's width, in the CPU's order. */
  registers: [name: string, value: string][];
  /** The images the crashed stack's frames lie in. */
  images: BinaryImageView[];
  /** How many other images the event lists. */
  otherImages: number;
  /** `libshop.so (debug id …): 3 frames without a symbol`, once per image. */
  unsymbolicated: string[];
}

const MAX_IMAGES = 200;

/** The native facts of the event; null for an event that is not a native crash. */
export function nativeView(payload: Obj): NativeView | null {
  if (!isNativeEvent(payload)) return null;
  const crashed = crashedThread(payload);
  const images = nativeImagesOf(payload.debug_meta);
  const exceptions = valuesOf(payload.exception).map(asObj).filter((e): e is Obj => e !== null);
  const last = exceptions[exceptions.length - 1];
  const stacks = [crashed?.stacktrace, ...exceptions.map((e) => e.stacktrace)].filter((s) => s !== null && s !== undefined);
  const used = imagesOfStacks(stacks, images);
  const wide = imagesAreWide(images);
  const arch = cpuArch(asObj(asObj(payload.contexts)?.device)?.arch) ?? used.find((i) => i.arch !== null)?.arch ?? null;
  const registers = registersOf({ registers: crashed?.registers ?? undefined }, arch) ?? [];
  return {
    crashedThread: crashed === null || crashed.id === null ? null : clip([crashed.id, crashed.name].filter(Boolean).join(' '), 200),
    mechanism: mechanismFacts(last?.mechanism).map((f) => ({ label: f.label, text: clip(f.text, 300) })),
    registers: registers.map((r) => [clip(r.name, 40), clip(r.hex ?? r.text, 80)]),
    images: used.slice(0, MAX_IMAGES).map((img) => ({
      name: clip(img.name, 200),
      range: img.start === null ? '?' : `${formatAddress(img.start, wide)} – ${img.end === null ? '?' : formatAddress(img.end - 1n, wide)}`,
      arch: img.arch ?? '?', debugId: img.debugId ?? '?', path: clip(img.path, 500),
    })),
    otherImages: images.length - used.length,
    unsymbolicated: unsymbolicated(crashed?.stacktrace, images),
  };
}

function unsymbolicated(stack: unknown, images: ReturnType<typeof nativeImagesOf>): string[] {
  const counts = new Map<string, { debugId: string | null; frames: number }>();
  for (const raw of asArr(asObj(stack)?.frames)) {
    const f = asObj(raw);
    if (!f || asStr(f.function) !== null || asStr(f.raw_function) !== null || parseAddress(f.instruction_addr) === null) continue;
    const place = framePlace(f, images);
    const key = place?.image ?? '';
    const entry = counts.get(key) ?? { debugId: place?.debugImage?.debugId ?? null, frames: 0 };
    entry.frames++;
    counts.set(key, entry);
  }
  return [...counts].map(([image, { debugId, frames }]) => {
    const n = frames === 1 ? '1 frame' : `${frames} frames`;
    return image === ''
      ? `${n} at addresses in no listed image`
      : clip(`no debug file for ${image}${debugId ? ` (debug id ${debugId})` : ''}: ${n} without a symbol`, 400);
  });
}
