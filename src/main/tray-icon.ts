/**
 * The tray icon, drawn in code (a ring: Lookout's "lens") and encoded as PNG, so the app ships no
 * binary assets and every platform gets the same RGBA input.
 * @see https://www.w3.org/TR/png/ (signature, IHDR, IDAT, IEND; CRC-32 over type + data)
 */
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Coverage (0..1) of a pixel centred `distance` from the ring's centre line, anti-aliased. */
function ringCoverage(distance: number, radius: number, halfWidth: number): number {
  return Math.min(1, Math.max(0, halfWidth + 0.5 - Math.abs(distance - radius)));
}

/** One pixel as [r, g, b, a], each 0..255. */
export type Rgba = readonly [number, number, number, number];

/** Encodes a `size`×`size` image, asking `pixel` for each pixel's colour (8-bit RGBA, no filtering). */
export function encodeSquarePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  if (!Number.isInteger(size) || size < 8 || size > 512) throw new RangeError('size must be 8..512');
  const rowBytes = 1 + size * 4;
  const raw = Buffer.alloc(rowBytes * size);
  for (let y = 0; y < size; y++) {
    raw[y * rowBytes] = 0; // filter type "None"
    for (let x = 0; x < size; x++) raw.set(pixel(x, y).map((v) => Math.round(v)), y * rowBytes + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A `size`×`size` RGBA PNG of a ring in `color` on a transparent background. */
export function trayIconPng(size: number, color: Rgb): Buffer {
  const centre = size / 2;
  const halfWidth = size / 10;
  const radius = size / 2 - halfWidth - 1;
  return encodeSquarePng(size, (x, y) => {
    const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
    return [color[0], color[1], color[2], 255 * ringCoverage(distance, radius, halfWidth)];
  });
}
