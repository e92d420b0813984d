/**
 * The native images (executables and libraries) an event lists in `debug_meta.images`, and which
 * of them its stack frames point into: Sentry's "Images Loaded". Reading the images and finding a
 * frame's image by address live in `shared/native-images`, which the bug reports use too.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
import { nativeImagesOf, parseAddress, type NativeImage } from '../../../shared/native-images';
import type { SentryEvent } from '../../../shared/sentry';
import { exceptionsOf, threadsOf } from './exceptions';
import { framesOf } from './stacktrace';

export { formatAddress, parseAddress } from '../../../shared/native-images';
export type DebugImage = NativeImage;

/** Events are immutable once loaded: the images are read once per payload, not once per frame row. */
const cache = new WeakMap<object, DebugImage[]>();

export function debugImagesOf(event: SentryEvent): DebugImage[] {
  const hit = cache.get(event);
  if (hit) return hit;
  const images = nativeImagesOf(event.debug_meta);
  cache.set(event, images);
  return images;
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
