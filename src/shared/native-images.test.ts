import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { framePlace, imageAt, nativeImagesOf } from './native-images';

// The reviewer's sentry-native (Android NDK) crash: frames carry only `instruction_addr`.
const ndk = JSON.parse(readFileSync(new URL('../../test/fixtures/native/ndk-crash.json', import.meta.url), 'utf8')) as {
  debug_meta: unknown; exception: { values: [{ stacktrace: { frames: { instruction_addr: string }[] } }] };
};
const images = nativeImagesOf(ndk.debug_meta);
const frames = ndk.exception.values[0].stacktrace.frames;

describe('address → image, as Sentry places a native frame', () => {
  it('finds the image of a frame with only an address by the images ranges', () => {
    expect(images.map((i) => i.name)).toEqual(['libart.so', 'libshop.so']);
    const crash = framePlace(frames[0]!, images)!;
    expect([crash.image, crash.offset]).toEqual(['libshop.so', '+0xbbf9']);
    expect(crash.debugImage?.debugId).toBe('7973b1b1-0655-3e10-2867-f41cb3e00048');
    expect(framePlace(frames[1]!, images)).toMatchObject({ image: 'libart.so', offset: '+0x4c9154' });
  });

  it('leaves an address no image holds unplaced, and the end of a range is outside it', () => {
    expect(framePlace(frames[6]!, images)).toBeNull();
    expect(imageAt(images, 0x708e0000n + 1048576n)).toBeNull();
    expect(imageAt(images, 0x708e0000n + 1048575n)?.name).toBe('libshop.so');
  });

  it('keeps a frame that names its image (cocoa: `package` and `image_addr`)', () => {
    const frame = { package: '/private/var/containers/Bundle/Application/X/Shop.app/Shop', image_addr: '0x0000000100084000', instruction_addr: '0x000000010008d9e0' };
    expect(framePlace(frame, [])).toMatchObject({ image: 'Shop', offset: '+0x99e0', base: 0x100084000n });
    // `image_addr` wins over the range of another image.
    expect(framePlace({ instruction_addr: '0x708ebbf9', image_addr: '0x708eb000' }, images)).toMatchObject({ image: '???', offset: '+0xbf9' });
  });

  it('does not place .NET relative addresses nor JavaScript frames', () => {
    expect(framePlace({ instruction_addr: '0x1a', addr_mode: 'rel:0' }, images)).toBeNull();
    expect(framePlace({ filename: 'app.js', lineno: 3 }, images)).toBeNull();
    expect(framePlace({ instruction_addr: 'not an address' }, images)).toBeNull();
  });
});
