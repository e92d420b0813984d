/**
 * Test-only MessagePack encoder, written independently of the decoder so round trips mean
 * something. It picks the smallest encoding, or a forced width to reach every type byte.
 * @see https://github.com/msgpack/msgpack/blob/master/spec.md
 */

export type Encodable = null | boolean | number | string | Buffer | Encodable[] | { [key: string]: Encodable };

export function encodeMsgpack(value: Encodable): Buffer {
  const parts: Buffer[] = [];
  write(value, parts);
  return Buffer.concat(parts);
}

function write(value: Encodable, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from([0xc0]));
  else if (typeof value === 'boolean') out.push(Buffer.from([value ? 0xc3 : 0xc2]));
  else if (typeof value === 'number') out.push(number(value));
  else if (typeof value === 'string') out.push(...sized(Buffer.from(value, 'utf8'), 0xa0, 31, [0xd9, 0xda, 0xdb]));
  else if (Buffer.isBuffer(value)) out.push(...sized(value, null, 0, [0xc4, 0xc5, 0xc6]));
  else if (Array.isArray(value)) {
    out.push(header(value.length, 0x90, [0xdc, 0xdd]));
    for (const item of value) write(item, out);
  } else {
    const entries = Object.entries(value);
    out.push(header(entries.length, 0x80, [0xde, 0xdf]));
    for (const [key, item] of entries) {
      write(key, out);
      write(item, out);
    }
  }
}

function number(value: number): Buffer {
  if (!Number.isInteger(value)) return withBody(0xcb, 8, (b) => b.writeDoubleBE(value));
  if (value >= 0 && value <= 0x7f) return Buffer.from([value]);
  if (value < 0 && value >= -32) return Buffer.from([value + 0x100]);
  if (value >= 0) {
    if (value <= 0xff) return withBody(0xcc, 1, (b) => b.writeUInt8(value));
    if (value <= 0xffff) return withBody(0xcd, 2, (b) => b.writeUInt16BE(value));
    if (value <= 0xffffffff) return withBody(0xce, 4, (b) => b.writeUInt32BE(value));
    return withBody(0xcf, 8, (b) => b.writeBigUInt64BE(BigInt(value)));
  }
  if (value >= -0x80) return withBody(0xd0, 1, (b) => b.writeInt8(value));
  if (value >= -0x8000) return withBody(0xd1, 2, (b) => b.writeInt16BE(value));
  if (value >= -0x80000000) return withBody(0xd2, 4, (b) => b.writeInt32BE(value));
  return withBody(0xd3, 8, (b) => b.writeBigInt64BE(BigInt(value)));
}

function withBody(tag: number, size: number, fill: (body: Buffer) => void): Buffer {
  const body = Buffer.alloc(size);
  fill(body);
  return Buffer.concat([Buffer.from([tag]), body]);
}

function sized(bytes: Buffer, fixBase: number | null, fixMax: number, tags: [number, number, number]): Buffer[] {
  if (fixBase !== null && bytes.length <= fixMax) return [Buffer.from([fixBase | bytes.length]), bytes];
  if (bytes.length <= 0xff) return [Buffer.from([tags[0], bytes.length]), bytes];
  if (bytes.length <= 0xffff) return [withBody(tags[1], 2, (b) => b.writeUInt16BE(bytes.length)), bytes];
  return [withBody(tags[2], 4, (b) => b.writeUInt32BE(bytes.length)), bytes];
}

function header(count: number, fixBase: number, tags: [number, number]): Buffer {
  if (count <= 15) return Buffer.from([fixBase | count]);
  if (count <= 0xffff) return withBody(tags[0], 2, (b) => b.writeUInt16BE(count));
  return withBody(tags[1], 4, (b) => b.writeUInt32BE(count));
}

/** The layout the Cocoa SDK writes for `replay_video`: fixmap, str8 keys, bin32 values. */
export function cocoaStyleReplayVideo(fields: Record<string, Buffer>): Buffer {
  const entries = Object.entries(fields);
  const parts: Buffer[] = [Buffer.from([0x80 | entries.length])];
  for (const [key, value] of entries) {
    const keyBytes = Buffer.from(key, 'utf8');
    parts.push(Buffer.from([0xd9, keyBytes.length]), keyBytes);
    parts.push(withBody(0xc6, 4, (b) => b.writeUInt32BE(value.length)), value);
  }
  return Buffer.concat(parts);
}
