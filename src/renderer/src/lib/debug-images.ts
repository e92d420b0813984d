/**
 * The native images (executables and libraries) an event lists in `debug_meta.images`, and which
 * of them its stack frames point into: Sentry's "Images Loaded". Addresses are 64-bit, so they
 * are read as BigInt (a Number loses the low bits of a 64-bit address).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
import type { SentryEvent } from '../../../shared/sentry';
import { exceptionsOf, threadsOf } from './exceptions';
import { framesOf } from './stacktrace';

export interface DebugImage {
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
    return /^0x[0-9a-f]+$/.test(text) ? BigInt(text) : /^\d+$/.test(text) ? BigInt(text) : null;
  } catch {
    return null;
  }
}

const NOT_IMAGES = new Set(['sourcemap', 'jvm', 'proguard']);

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function debugImagesOf(event: SentryEvent): DebugImage[] {
  const images: unknown = event.debug_meta?.images;
  if (!Array.isArray(images)) return [];
  return images.flatMap((raw: unknown): DebugImage[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const i = raw as Record<string, unknown>;
    const path = str(i.code_file) ?? str(i.debug_file) ?? str(i.name);
    // Source maps and JVM / ProGuard mappings are listed here too, but are not loaded images.
    if (NOT_IMAGES.has(String(i.type)) || (path === null && i.image_addr === undefined)) return [];
    const start = parseAddress(i.image_addr);
    const size = parseAddress(i.image_size);
    return [{
      name: (path ?? '(unnamed)').split(/[\\/]/).filter(Boolean).pop() ?? path ?? '(unnamed)', path: path ?? '',
      type: str(i.type), start, end: start !== null && size !== null && size > 0n ? start + size : null,
      debugId: str(i.debug_id) ?? str(i.id) ?? str(i.uuid), codeId: str(i.code_id), arch: str(i.arch),
    }];
  });
}

/** Every `instruction_addr` in the event's exceptions and threads. */
export function frameAddresses(event: SentryEvent): bigint[] {
  const stacks = [...exceptionsOf(event).map((e) => e.stacktrace), ...threadsOf(event).map((t) => t.stacktrace), event.stacktrace];
  return stacks.flatMap((s) => framesOf(s).flatMap((f) => {
    const at = parseAddress(f.instruction_addr);
    return at === null ? [] : [at];
  }));
}

/** The images some frame's address falls in, in the event's order. */
export function referencedImages(images: readonly DebugImage[], addresses: readonly bigint[]): DebugImage[] {
  return images.filter((img) => img.start !== null && img.end !== null
    && addresses.some((a) => a >= img.start! && a < img.end!));
}

/** `0x` and 16 hex digits for 64-bit addresses (8 when the image lies below 4 GiB), as Sentry shows them. */
export function formatAddress(value: bigint, wide: boolean): string {
  return `0x${value.toString(16).padStart(wide ? 16 : 8, '0')}`;
}
