import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconPng } from './tray-icon';

/** Minimal PNG reader: checks every chunk's CRC and returns the header and raw RGBA rows. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  const header = chunks[0]!;
  return {
    types: chunks.map((c) => c.type),
    width: header.data.readUInt32BE(0), height: header.data.readUInt32BE(4),
    depth: header.data[8], colourType: header.data[9],
    raw: inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data))),
  };
}

describe('trayIconPng', () => {
  for (const size of [16, 32]) {
    it(`encodes a valid ${size}px RGBA PNG of a ring`, () => {
      const png = readPng(trayIconPng(size, [124, 92, 255]));
      expect(png.types).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect([png.width, png.height, png.depth, png.colourType]).toEqual([size, size, 8, 6]);
      expect(png.raw.length).toBe(size * (1 + size * 4));
      const alpha = (x: number, y: number): number => png.raw[y * (1 + size * 4) + 1 + x * 4 + 3]!;
      const rgb = (x: number, y: number): number[] => [...png.raw.subarray(y * (1 + size * 4) + 1 + x * 4, y * (1 + size * 4) + 4 + x * 4)];
      const mid = size / 2;
      expect(alpha(0, 0)).toBe(0); // corner: outside the ring
      expect(alpha(mid, mid)).toBe(0); // centre: the ring's hole
      expect(alpha(mid, 1 + Math.round(size / 10))).toBe(255); // on the ring, top
      expect(rgb(mid, 1)).toEqual([124, 92, 255]);
    });
  }

  it('rejects sizes a tray cannot use', () => {
    expect(() => trayIconPng(4, [0, 0, 0])).toThrow(RangeError);
    expect(() => trayIconPng(16.5, [0, 0, 0])).toThrow(RangeError);
  });
});
