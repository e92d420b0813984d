/**
 * Native images (executables and shared libraries) of an event's `debug_meta.images`, and which of
 * them a frame's `instruction_addr` lies in: Sentry's UI finds a frame's image by address range
 * (`image_addr` ≤ address < `image_addr + image_size`) when the frame does not name it, and shows an
 * unsymbolicated frame as `image +0xoffset`. One implementation for the UI and the bug reports.
 * Addresses are 64-bit, so they are read as BigInt (a Number loses the low bits).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/nativeFrame.tsx
 */

export interface NativeImage {
  /** The file's name, without its folders. */
  name: string;
  /** The path the SDK gave (`code_file`, else `debug_file`). */
  path: string;
  type: string | null;
  start: bigint | null;
  /** One past the last address, when the size is known. */
  end: bigint | null;
  debugId: string | null;
  codeId: string | null;
  arch: string | null;
}

/** An address as SDKs send it: a hex string ("0x1a2b"), a decimal string or a number. */
export function parseAddress(value: unknown): bigint | null {
  try {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    if (typeof value !== 'string' || value.trim() === '') return null;
    const text = value.trim().toLowerCase();
    return /^0x[0-9a-f]{1,16}$/.test(text) ? BigInt(text) : /^\d{1,20}$/.test(text) ? BigInt(text) : null;
  } catch {
    return null;
  }
}

/** Source maps and JVM / ProGuard mappings are listed in `debug_meta` too, but are not loaded images. */
const NOT_IMAGES = new Set(['sourcemap', 'jvm', 'proguard']);
const MAX_IMAGES = 5000;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The last path segment of a Unix or Windows path. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The loaded images of an event's `debug_meta`, in the event's order; anything malformed is skipped. */
export function nativeImagesOf(debugMeta: unknown): NativeImage[] {
  const images = typeof debugMeta === 'object' && debugMeta !== null ? (debugMeta as { images?: unknown }).images : undefined;
  if (!Array.isArray(images)) return [];
  return images.slice(0, MAX_IMAGES).flatMap((raw: unknown): NativeImage[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const i = raw as Record<string, unknown>;
    const path = str(i.code_file) ?? str(i.debug_file) ?? str(i.name);
    if (NOT_IMAGES.has(String(i.type)) || (path === null && i.image_addr === undefined)) return [];
    const start = parseAddress(i.image_addr);
    const size = parseAddress(i.image_size);
    return [{
      name: path === null ? '(unnamed)' : baseName(path), path: path ?? '',
      type: str(i.type), start, end: start !== null && size !== null && size > 0n ? start + size : null,
      debugId: str(i.debug_id) ?? str(i.id) ?? str(i.uuid), codeId: str(i.code_id), arch: str(i.arch),
    }];
  });
}

/** The image an address lies in, by range; null when none of the images (with a known size) holds it. */
export function imageAt(images: readonly NativeImage[], address: bigint): NativeImage | null {
  return images.find((img) => img.start !== null && img.end !== null && address >= img.start && address < img.end) ?? null;
}

interface NativeFrameFields { instruction_addr?: unknown; image_addr?: unknown; package?: unknown; addr_mode?: unknown; [key: string]: unknown }

/** Where a native frame lies: its image (by the frame's `image_addr`, else by address range) and its offset in it. */
export interface FramePlace {
  /** The image's file name (the frame's `package` when it names one), `???` when unnamed. */
  image: string;
  /** `+0xbc39`: `instruction_addr` less the image's load address. */
  offset: string;
  address: bigint;
  /** The image's load address the offset counts from. */
  base: bigint;
  /** The matching `debug_meta` image, when one lists it. */
  debugImage: NativeImage | null;
}

/**
 * A native frame's image and offset, `libshop.so +0xbc39`, as Sentry shows an unsymbolicated frame.
 * Null for a frame without an absolute `instruction_addr` (a .NET `rel:` address, a JS frame) or
 * outside every image it could belong to.
 */
export function framePlace(frame: NativeFrameFields, images: readonly NativeImage[]): FramePlace | null {
  const address = parseAddress(frame.instruction_addr);
  // `rel:N` addresses count from image N's start, not from 0: Lookout cannot place them.
  if (address === null || (typeof frame.addr_mode === 'string' && frame.addr_mode !== 'abs')) return null;
  const ownStart = parseAddress(frame.image_addr);
  const byStart = ownStart === null ? null : images.find((img) => img.start === ownStart) ?? null;
  const debugImage = byStart ?? (ownStart === null ? imageAt(images, address) : null);
  const start = ownStart ?? debugImage?.start ?? null;
  if (start === null || address < start) return null;
  const pkg = str(frame.package);
  // Apple's crash reports write `???` for an image they cannot name.
  const image = pkg !== null ? baseName(pkg) : debugImage?.name ?? '???';
  return { image, offset: `+0x${(address - start).toString(16)}`, address, base: start, debugImage };
}

/** `0x` and 16 hex digits for 64-bit addresses (8 when everything lies below 4 GiB), as Sentry shows them. */
export function formatAddress(value: bigint, wide: boolean): string {
  return `0x${value.toString(16).padStart(wide ? 16 : 8, '0')}`;
}

const FOUR_GIB = 0x1_0000_0000n;

/** Whether the images' addresses need 16 digits. */
export function imagesAreWide(images: readonly NativeImage[]): boolean {
  return images.some((img) => (img.end ?? img.start ?? 0n) > FOUR_GIB);
}
