import { describe, expect, it } from 'vitest';
import type { SentryFrame } from '../../../shared/sentry';
import { nativeImagesOf } from '../../../shared/native-images';
import { foundByStackScanning, frameBlocks, framesOf, imageOffset, rawStackText, unsymbolicatedImages } from './stacktrace';

const app = (fn: string): SentryFrame => ({ function: fn, filename: `src/${fn}.js`, lineno: 1, colno: 2, in_app: true });
const lib = (fn: string): SentryFrame => ({ function: fn, filename: `node_modules/x/${fn}.js`, in_app: false });

describe('stack trace display', () => {
  // Oldest first, as SDKs send them.
  const frames = [lib('main'), lib('run'), app('handler'), lib('a'), lib('b'), lib('c'), app('thrower')];

  it('shows the newest frame first and folds library runs between app frames', () => {
    const blocks = frameBlocks(frames, false);
    const shape = blocks.map((b) => (b.kind === 'frame' ? b.entry.frame.function : `fold(${b.entries.length})`));
    expect(shape).toEqual(['thrower', 'fold(3)', 'handler', 'fold(2)']);
  });

  it('shows every frame in full mode, and when no frame is in-app', () => {
    expect(frameBlocks(frames, true)).toHaveLength(7);
    const onlyLib = [lib('x'), lib('y'), lib('z')];
    expect(frameBlocks(onlyLib, false).every((b) => b.kind === 'frame')).toBe(true);
  });

  it('never folds the crash frame even if it is a library frame', () => {
    const blocks = frameBlocks([app('main'), lib('a'), lib('b')], false);
    expect(blocks[0]).toMatchObject({ kind: 'frame', entry: { index: 0 } });
    expect(blocks[1]).toMatchObject({ kind: 'frame' });
  });

  it('tolerates garbage and bounds the raw text', () => {
    expect(framesOf({ frames: [null, 3, 'x', { function: 'ok' }] })).toHaveLength(1);
    expect(framesOf('nope')).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i) => app(`f${i}`));
    const text = rawStackText('Error: x', many, 100);
    expect(text.split('\n')).toHaveLength(102);
    expect(text).toContain('at f4999 (src/f4999.js:1:2)');
    expect(text).toContain('4900 more frames');
  });

  it("gives a native frame's offset in its image, and nothing for an address it cannot place", () => {
    expect(imageOffset({ instruction_addr: '0x7ff601a2b', image_addr: '0x7ff600000', package: 'shop.exe' })).toBe('+0x1a2b');
    expect(imageOffset({ instruction_addr: '0x7ff601a2b' })).toBeNull();
    expect(imageOffset({ instruction_addr: '0x10', image_addr: '0x20' })).toBeNull();
    expect(imageOffset({ instruction_addr: '0x10', image_addr: 'rel:0' })).toBeNull();
  });

  it('tells the frames a stack walker found by scanning from those it trusts', () => {
    expect(foundByStackScanning({ instruction_addr: '0x7ff601a2b', trust: 'scan' })).toBe(true);
    expect(foundByStackScanning({ instruction_addr: '0x7ff601a2b', trust: 'cfi-scan' })).toBe(true);
    expect(['context', 'fp', 'cfi', 'prewalked', undefined, 7].map((trust) => foundByStackScanning({ instruction_addr: '0x1', trust }))).toEqual(Array(6).fill(false));
  });
});

describe('native frames by image', () => {
  const images = nativeImagesOf({ images: [
    { type: 'elf', image_addr: '0x708e0000', image_size: 1048576, code_file: '/data/app/lib/arm64/libshop.so', debug_id: '7973b1b1-0655-3e10-2867-f41cb3e00048' },
  ] });
  // sentry-native on Android: no image named on the frames, the first (outermost) sent first.
  const frames = [{ instruction_addr: '0x708ebc39' }, { instruction_addr: '0x708e0010' }, { instruction_addr: '0x10' }];

  it('finds the offset of a frame that carries only its address', () => {
    expect(imageOffset(frames[0]!, images)).toBe('+0xbc39');
    expect(imageOffset(frames[0]!)).toBeNull();
  });

  it('says once per image which frames have no symbol', () => {
    expect(unsymbolicatedImages(frames, images)).toEqual([
      { image: '', debugId: null, frames: 1 },
      { image: 'libshop.so', debugId: '7973b1b1-0655-3e10-2867-f41cb3e00048', frames: 2 },
    ]);
    expect(unsymbolicatedImages([{ instruction_addr: '0x708ebc39', function: 'crash' }], images)).toEqual([]);
  });

  it('prints the raw native stack with addresses and images, innermost first', () => {
    expect(rawStackText('SIGSEGV: Segfault', frames, 100, 'native', images).split('\n')).toEqual([
      'SIGSEGV: Segfault',
      `0   ${'???'.padEnd(30)} 0x00000010 <unknown>`,
      `1   ${'libshop.so'.padEnd(30)} 0x708e0010 0x708e0000 + 16`,
      `2   ${'libshop.so'.padEnd(30)} 0x708ebc39 0x708e0000 + 48185`,
    ]);
  });
});
