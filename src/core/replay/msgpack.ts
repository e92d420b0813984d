/**
 * A small, bounded MessagePack decoder for the `replay_video` item of Sentry's mobile SDKs.
 * It covers the types those SDKs write (maps, arrays, str, bin, ints, floats, nil, bool) and
 * rejects ext types. Input is untrusted, so every declared length is checked against the bytes
 * left before anything is allocated, and nesting depth is capped.
 * @see https://github.com/msgpack/msgpack/blob/master/spec.md
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#replay-video
 */

export type MsgpackValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Buffer
  | MsgpackValue[]
  | { [key: string]: MsgpackValue };

export interface MsgpackLimits {
  /** Deepest allowed nesting of maps/arrays (the root container is depth 1). */
  maxDepth: number;
}

const DEFAULT_LIMITS: MsgpackLimits = { maxDepth: 32 };

/** Raised for any malformed or disallowed input; `offset` is where decoding stopped. */
export class MsgpackError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`msgpack: ${message} at byte ${offset}`);
    this.name = 'MsgpackError';
  }
}

/**
 * Decodes exactly one MessagePack value filling the whole buffer.
 * Bin values are returned as views into `input` (no copy).
 * @throws MsgpackError on truncated, malformed, too deep or trailing data.
 */
export function decodeMsgpack(input: Buffer, limits: Partial<MsgpackLimits> = {}): MsgpackValue {
  const reader = new Reader(input, { ...DEFAULT_LIMITS, ...limits });
  const value = reader.value(0);
  if (reader.pos !== input.length) {
    throw new MsgpackError(`${input.length - reader.pos} trailing bytes after the value`, reader.pos);
  }
  return value;
}

class Reader {
  pos = 0;

  constructor(private readonly buf: Buffer, private readonly limits: MsgpackLimits) {}

  value(depth: number): MsgpackValue {
    const start = this.pos;
    const tag = this.uint(1);
    if (tag <= 0x7f) return tag;
    if (tag >= 0xe0) return tag - 0x100;
    if (tag >= 0x80 && tag <= 0x8f) return this.map(tag & 0x0f, depth, start);
    if (tag >= 0x90 && tag <= 0x9f) return this.array(tag & 0x0f, depth, start);
    if (tag >= 0xa0 && tag <= 0xbf) return this.str(tag & 0x1f);
    switch (tag) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.bin(this.uint(1));
      case 0xc5: return this.bin(this.uint(2));
      case 0xc6: return this.bin(this.uint(4));
      case 0xca: return this.take(4).readFloatBE(0);
      case 0xcb: return this.take(8).readDoubleBE(0);
      case 0xcc: return this.uint(1);
      case 0xcd: return this.uint(2);
      case 0xce: return this.uint(4);
      case 0xcf: return safeNumber(this.take(8).readBigUInt64BE(0));
      case 0xd0: return this.take(1).readInt8(0);
      case 0xd1: return this.take(2).readInt16BE(0);
      case 0xd2: return this.take(4).readInt32BE(0);
      case 0xd3: return safeNumber(this.take(8).readBigInt64BE(0));
      case 0xd9: return this.str(this.uint(1));
      case 0xda: return this.str(this.uint(2));
      case 0xdb: return this.str(this.uint(4));
      case 0xdc: return this.array(this.uint(2), depth, start);
      case 0xdd: return this.array(this.uint(4), depth, start);
      case 0xde: return this.map(this.uint(2), depth, start);
      case 0xdf: return this.map(this.uint(4), depth, start);
      default:
        // 0xc1 is never used; 0xc7-0xc9 and 0xd4-0xd8 are ext types, which Sentry never sends.
        throw new MsgpackError(`unsupported type byte 0x${tag.toString(16)}`, start);
    }
  }

  private array(count: number, depth: number, start: number): MsgpackValue[] {
    this.enter(count, 1, depth, start);
    const out: MsgpackValue[] = [];
    for (let i = 0; i < count; i++) out.push(this.value(depth + 1));
    return out;
  }

  private map(count: number, depth: number, start: number): { [key: string]: MsgpackValue } {
    this.enter(count, 2, depth, start);
    // A null prototype keeps keys such as "__proto__" ordinary data.
    const out = Object.create(null) as { [key: string]: MsgpackValue };
    for (let i = 0; i < count; i++) {
      const keyAt = this.pos;
      const key = this.value(depth + 1);
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'bigint') {
        throw new MsgpackError('map key must be a string or an integer', keyAt);
      }
      out[String(key)] = this.value(depth + 1);
    }
    return out;
  }

  /** Each element takes at least one byte, so a count larger than what is left is a lie. */
  private enter(count: number, bytesPerElement: number, depth: number, start: number): void {
    if (depth + 1 > this.limits.maxDepth) {
      throw new MsgpackError(`nesting deeper than ${this.limits.maxDepth}`, start);
    }
    if (count * bytesPerElement > this.buf.length - this.pos) {
      throw new MsgpackError(`container declares ${count} entries but only ${this.buf.length - this.pos} bytes remain`, start);
    }
  }

  private str(length: number): string {
    return this.take(length).toString('utf8');
  }

  private bin(length: number): Buffer {
    return this.take(length);
  }

  private uint(size: 1 | 2 | 4): number {
    return this.take(size).readUIntBE(0, size);
  }

  private take(length: number): Buffer {
    if (length > this.buf.length - this.pos) {
      throw new MsgpackError(`needs ${length} bytes but only ${this.buf.length - this.pos} remain`, this.pos);
    }
    const slice = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }
}

function safeNumber(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
