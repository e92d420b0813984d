import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { badgeDescription, badgeLabel, badgePng } from './badge-icon';

/** Decodes an 8-bit RGBA, unfiltered PNG (what tray-icon.ts writes) into rows of `#` (white), `o` (disc), ` ` (clear). */
function picture(png: Buffer): string[] {
  let size = 0;
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    const type = typeAndData.subarray(0, 4).toString('ascii');
    if (type === 'IHDR') size = typeAndData.readUInt32BE(4);
    if (type === 'IDAT') data.push(typeAndData.subarray(4));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = '';
    for (let x = 0; x < size; x++) {
      const [r, g, , a] = raw.subarray(y * (1 + size * 4) + 1 + x * 4);
      row += a === 0 ? ' ' : r === 255 && g === 255 ? '#' : 'o';
    }
    rows.push(row);
  }
  return rows;
}

describe('badgeLabel', () => {
  it('shows nothing for no issues, the count up to 9, then 9+', () => {
    expect([0, -1, Number.NaN, 1, 7, 9, 10, 250].map(badgeLabel)).toEqual([null, null, null, '1', '7', '9', '9+', '9+']);
    expect([badgeDescription(1), badgeDescription(12)]).toEqual(['1 new issue', '12 new issues']);
  });
});

describe('badgePng', () => {
  it('draws a readable 16 px "9+" in white on a red disc with transparent corners', () => {
    const rows = picture(badgePng(16, '9+'));
    expect(rows.slice(6, 11).map((row) => row.slice(5, 12))).toEqual([
      '###oooo',
      '#o#oo#o',
      '###o###',
      'oo#oo#o',
      '###oooo',
    ]);
    expect(rows[0]?.[0]).toBe(' ');
    expect(rows[15]?.[15]).toBe(' ');
    expect(rows[8]?.[1]).toBe('o');
  });

  it('scales one digit up to fill more of the disc, and at 32 px for high-DPI', () => {
    const three = picture(badgePng(16, '3'));
    expect(three.slice(3, 13).map((row) => row.slice(5, 11))).toEqual([
      '######', '######', 'oooo##', 'oooo##', '######', '######', 'oooo##', 'oooo##', '######', '######',
    ]);
    const large = picture(badgePng(32, '9+'));
    expect(large).toHaveLength(32);
    expect(large.join('').split('#').length - 1).toBeGreaterThan(4 * picture(badgePng(16, '9+')).join('').split('#').length - 4);
  });

  it('refuses anything but digits and +', () => {
    expect(() => badgePng(16, '1a')).toThrow(RangeError);
  });
});
