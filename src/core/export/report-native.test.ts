import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeView } from './report-native';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/native/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the native facts of a report', () => {
  it('lists only the images the stack uses and counts the others', () => {
    const event = fixture('ndk-crash.json');
    const images = (event.debug_meta as { images: unknown[] }).images;
    const more = { ...event, debug_meta: { images: [...images, { type: 'elf', image_addr: '0x10000', image_size: 4096, code_file: '/system/lib/libc.so' }] } };
    const view = nativeView(more)!;
    expect(view.images.map((i) => i.name)).toEqual(['libart.so', 'libshop.so']);
    expect(view.otherImages).toBe(1);
    expect(view.crashedThread).toBeNull();
  });

  it('sizes an ARM64 device registers at 64 bits from its Android ABI name', () => {
    const event = fixture('ndk-crash.json');
    const exception = (event.exception as { values: [{ stacktrace: Record<string, unknown> }] }).values[0];
    exception.stacktrace.registers = { pc: '0x708ebbf9', sp: '0x7ffd0000' };
    expect(nativeView(event)!.registers).toEqual([['sp', '0x000000007ffd0000'], ['pc', '0x00000000708ebbf9']]);
  });

  it('gives nothing for an event that is not native', () => {
    expect(nativeView({ platform: 'javascript', exception: { values: [{ type: 'Error' }] } })).toBeNull();
  });
});
