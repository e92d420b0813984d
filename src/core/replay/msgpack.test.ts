import { describe, expect, it } from 'vitest';
import { decodeMsgpack, MsgpackError } from './msgpack';
import { encodeMsgpack, type Encodable } from './test-msgpack-encoder';

/** Plain JSON with bytes as hex, so null-prototype maps and Buffers compare as data only. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (isBufferJson(v) ? { bin: Buffer.from(v.data).toString('hex') } : v)));
}

function expectRejectedQuickly(bytes: Buffer, message: RegExp): void {
  const started = performance.now();
  expect(() => decodeMsgpack(bytes)).toThrow(message);
  expect(() => decodeMsgpack(bytes)).toThrow(MsgpackError);
  expect(performance.now() - started).toBeLessThan(100);
}

describe('decodeMsgpack', () => {
  it.each<[string, Encodable]>([
    ['nil', null],
    ['booleans', [true, false]],
    ['fixints', [0, 127, -1, -32]],
    ['uint 8/16/32/64', [200, 65_000, 4_000_000_000, 2 ** 40]],
    ['int 8/16/32/64', [-100, -30_000, -2_000_000_000, -(2 ** 40)]],
    ['float64', [1.5, -0.25, 1795378734.8639]],
    ['fixstr, str8, str16', ['', 'é', 'x'.repeat(40), 'y'.repeat(300)]],
    ['str32', 'z'.repeat(70_000)],
    ['bin 8/16/32', [Buffer.from([1, 2, 3]), Buffer.alloc(300, 7), Buffer.alloc(70_000, 9)]],
    ['array16 and map16', { list: Array.from({ length: 20 }, (_, i) => i), map: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])) }],
    ['nested maps and arrays', { replay_event: { urls: ['a', 'b'], user: { id: 1 } }, deep: [[[{ ok: true }]]] }],
  ])('round-trips %s', (_name, value) => {
    expect(plain(decodeMsgpack(encodeMsgpack(value)))).toEqual(plain(value));
  });

  it('reads float32 and keeps uint64 beyond 2^53 as a bigint', () => {
    expect(decodeMsgpack(Buffer.from([0xca, 0x3f, 0xc0, 0x00, 0x00]))).toBe(1.5);
    expect(decodeMsgpack(Buffer.from([0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(2n ** 64n - 1n);
  });

  it('returns bin as bytes and keeps "__proto__" an ordinary key', () => {
    const decoded = decodeMsgpack(encodeMsgpack({ ['__proto__']: Buffer.from('mp4') } as Encodable)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Buffer.isBuffer(decoded.__proto__)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['array32 claiming 4 billion entries', Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff, 0x01]), /declares 4294967295 entries/],
    ['map32 claiming 4 billion entries', Buffer.from([0xdf, 0xff, 0xff, 0xff, 0xff, 0xa1, 0x61, 0x01]), /declares 4294967295 entries/],
    ['str32 claiming 4 GiB', Buffer.from([0xdb, 0xff, 0xff, 0xff, 0xff, 0x61]), /needs 4294967295 bytes/],
    ['bin32 claiming 4 GiB', Buffer.from([0xc6, 0xff, 0xff, 0xff, 0xff]), /needs 4294967295 bytes/],
    ['nesting 100 000 arrays deep', Buffer.alloc(100_000, 0x91), /nesting deeper than 32/],
    ['nesting 100 000 maps deep', Buffer.from('81a161'.repeat(50_000), 'hex'), /nesting deeper than 32/],
    ['an ext type', Buffer.from([0xd4, 0x01, 0x00]), /unsupported type byte 0xd4/],
    ['the never-used 0xc1', Buffer.from([0xc1]), /unsupported type byte 0xc1/],
    ['a map key that is a map', Buffer.from([0x81, 0x80, 0x01]), /map key must be/],
    ['trailing bytes', Buffer.from([0xc0, 0xc0]), /1 trailing bytes/],
    ['empty input', Buffer.alloc(0), /needs 1 bytes/],
    ['a truncated float64', Buffer.from([0xcb, 0x00, 0x00]), /needs 8 bytes/],
  ])('rejects %s quickly', (_name, bytes, message) => {
    expectRejectedQuickly(bytes, message);
  });
});

function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer';
}
