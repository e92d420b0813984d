import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../../shared/sentry';
import { debugImagesOf, formatAddress, frameAddresses, parseAddress, referencedImages } from './debug-images';

// Shaped as sentry-cocoa sends a crash: Mach-O images with hex addresses and sizes as numbers.
const event = {
  debug_meta: { images: [
    { type: 'macho', code_file: '/private/var/containers/Bundle/Application/1/iOS-Swift.app/iOS-Swift', debug_id: 'aa8a3697-c88a-36f9-a687-3d3596568c8d',
      image_addr: '0x0000000100c00000', image_size: 2_097_152, arch: 'arm64' },
    { type: 'macho', code_file: '/usr/lib/system/libsystem_kernel.dylib', debug_id: '2d7fcb64-9f1c-3bbb-b4c8-7b5df0fe7bd1',
      image_addr: '0x00000001e7000000', image_size: 233_472, arch: 'arm64e' },
    { type: 'macho', code_file: '/usr/lib/libobjc.A.dylib', image_addr: '0x00000001a0000000', image_size: 4096 },
    { type: 'sourcemap', code_file: 'app:///main.js', debug_id: 'c941d872-af1f-4f0c-a7ff-ad3d295fe153' },
  ] },
  threads: { values: [{ id: 1, crashed: true, stacktrace: { frames: [
    { instruction_addr: '0x1e7001234' }, { instruction_addr: '0x100c0c5ac' },
  ] } }] },
} as unknown as SentryEvent;

describe('debug images', () => {
  it('reads the native images with their ranges and leaves source maps out', () => {
    const images = debugImagesOf(event);
    expect(images.map((i) => i.name)).toEqual(['iOS-Swift', 'libsystem_kernel.dylib', 'libobjc.A.dylib']);
    expect(images[0]!.start).toBe(0x100c00000n);
    expect(images[0]!.end).toBe(0x100c00000n + 2_097_152n);
    expect(images[2]!.debugId).toBeNull();
  });

  it('finds the images the stack points into, in the event order', () => {
    const used = referencedImages(debugImagesOf(event), frameAddresses(event));
    expect(used.map((i) => i.name)).toEqual(['iOS-Swift', 'libsystem_kernel.dylib']);
  });

  it('reads addresses past 2^53 exactly and formats them at 64 bits', () => {
    expect(parseAddress('0xffffffffffffff01')).toBe(0xffffffffffffff01n);
    expect(parseAddress(4096)).toBe(4096n);
    expect(parseAddress('12')).toBe(12n);
    expect(parseAddress('0xzz')).toBeNull();
    expect(formatAddress(0x100c0c5acn, true)).toBe('0x0000000100c0c5ac');
    expect(formatAddress(0x7ffen, false)).toBe('0x00007ffe');
  });
});
