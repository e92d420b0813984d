/**
 * A native crash as text, laid out like an Apple crash report (the layout iOS and macOS developers
 * read, and that `atos` / `symbolicatecrash` take): one line per frame, `N  image  address  symbol +
 * offset` (or `image_base + offset` when unsymbolicated), "Thread N Crashed:" headers, then the
 * "Binary Images:" the frames point into with their ranges, arch and debug id.
 * @see https://developer.apple.com/documentation/xcode/examining-the-fields-in-a-crash-report
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
import { crashedThread, mechanismFacts, threadStackOf } from './native-crash';
import { baseName, formatAddress, framePlace, imageAt, imagesAreWide, nativeImagesOf, parseAddress, type NativeImage } from './native-images';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const framesOf = (stack: unknown): Obj[] => {
  const frames = obj(stack)?.frames;
  return Array.isArray(frames) ? frames.map(obj).filter((f): f is Obj => f !== null) : [];
};

const MAX_FRAMES = 500;
const MAX_THREADS = 100;

/**
 * One frame, innermost = 0: `3   libshop.so   0x00000000708ebc39 0x708e0000 + 48185`, or with a
 * symbol `Shop   0x000000010008d9e0 main + 76` (offset from `symbol_addr` when sent).
 */
export function nativeFrameLine(n: number, frame: Obj, images: readonly NativeImage[], wide: boolean): string {
  const place = framePlace(frame, images);
  const address = parseAddress(frame.instruction_addr);
  const image = place?.image ?? (str(frame.package) ? baseName(str(frame.package) ?? '') : '???');
  const at = address === null ? '?' : formatAddress(address, wide);
  const fn = str(frame.function) ?? str(frame.raw_function);
  const symbol = parseAddress(frame.symbol_addr);
  let where: string;
  if (fn !== null) where = symbol !== null && address !== null && address >= symbol ? `${fn} + ${address - symbol}` : fn;
  else if (place !== null) where = `${formatAddress(place.base, wide)} + ${place.address - place.base}`;
  else where = '<unknown>';
  const file = str(frame.filename);
  const line = typeof frame.lineno === 'number' && frame.lineno > 0 ? frame.lineno : null;
  const source = file !== null ? ` (${file}${line === null ? '' : `:${line}`})` : '';
  return `${String(n).padEnd(4)}${image.padEnd(30)} ${at} ${where}${source}`;
}

/** The frames of a stack, innermost first, numbered from 0. */
export function nativeStackLines(stack: unknown, images: readonly NativeImage[], wide: boolean, max = MAX_FRAMES): string[] {
  const frames = framesOf(stack).reverse();
  const lines = frames.slice(0, max).map((f, n) => nativeFrameLine(n, f, images, wide));
  if (frames.length > max) lines.push(`... ${frames.length - max} more frames`);
  return lines;
}

/** `0x708e0000 - 0x709dffff libshop.so arm64 <debug id> /path`, as Apple's "Binary Images" lines. */
export function binaryImageLine(img: NativeImage, wide: boolean): string {
  const start = img.start === null ? '?' : formatAddress(img.start, wide);
  const end = img.end === null ? '?' : formatAddress(img.end - 1n, wide);
  return `${start} - ${end} ${img.name} ${img.arch ?? '?'} <${img.debugId ?? '?'}> ${img.path}`;
}

/** The images any of the stacks' frames lie in, in the event's order. */
export function imagesOfStacks(stacks: readonly unknown[], images: readonly NativeImage[]): NativeImage[] {
  const used = new Set<NativeImage>();
  for (const stack of stacks) {
    for (const f of framesOf(stack)) {
      const place = framePlace(f, images);
      const address = parseAddress(f.instruction_addr);
      const img = place?.debugImage ?? (address === null ? null : imageAt(images, address));
      if (img) used.add(img);
    }
  }
  return images.filter((img) => used.has(img));
}

/**
 * The whole crash as Apple-like text: exception and mechanism, every thread's stack (the crashed
 * one marked "Crashed"), then the binary images the stacks use. Null for an event with no native stack.
 */
export function nativeCrashText(payload: unknown): string | null {
  const p = obj(payload) ?? {};
  const images = nativeImagesOf(p.debug_meta);
  const wide = imagesAreWide(images) || framesOf(crashedThread(p)?.stacktrace).some((f) => (parseAddress(f.instruction_addr) ?? 0n) > 0xffffffffn);
  const crashed = crashedThread(p);
  const threadValues = obj(p.threads)?.values;
  const threads = (Array.isArray(threadValues) ? threadValues.map(obj).filter((t): t is Obj => t !== null) : []).slice(0, MAX_THREADS);
  const exceptions = obj(p.exception)?.values;
  const last = Array.isArray(exceptions) ? obj(exceptions[exceptions.length - 1]) : null;
  const out: string[] = [];
  if (last) {
    out.push(`Exception Type:  ${str(last.type) ?? 'Unknown'}${str(last.value) ? ` (${str(last.value)})` : ''}`);
    for (const fact of mechanismFacts(last.mechanism)) out.push(`${`${fact.label}:`.padEnd(17)}${fact.text}`);
    if (crashed?.id !== null && crashed !== null) out.push(`Triggered by Thread:  ${crashed.id}`);
    out.push('');
  }
  const stacks: unknown[] = [];
  if (threads.length === 0 && crashed?.stacktrace) {
    stacks.push(crashed.stacktrace);
    out.push('Thread Crashed:', ...nativeStackLines(crashed.stacktrace, images, wide), '');
  }
  for (const t of threads) {
    const stack = threadStackOf(p, t);
    if (!stack || framesOf(stack).length === 0) continue;
    stacks.push(stack);
    const isCrashed = crashed !== null && crashed.id !== null && String(t.id) === crashed.id;
    const name = str(t.name);
    out.push(`Thread ${String(t.id ?? '?')}${isCrashed ? ' Crashed' : ''}:${name ? `  ${name}` : ''}`, ...nativeStackLines(stack, images, wide), '');
  }
  if (stacks.length === 0) return null;
  const used = imagesOfStacks(stacks, images);
  if (used.length > 0) {
    out.push('Binary Images:', ...used.map((img) => binaryImageLine(img, wide)));
    if (images.length > used.length) out.push(`(${images.length - used.length} more images loaded, not in any stack)`);
  }
  return out.join('\n').trimEnd();
}
