import { describe, expect, it } from 'vitest';
import { numericOf, registersOf } from './registers';

describe('registers', () => {
  it('orders x86-64 and ARM64 registers as the manuals list them, padded hex and decimal', () => {
    const x64 = registersOf({ registers: { rip: '0x100c0c5ac', rsp: '0x16f0ff3c0', rax: '0x0', r10: '0xa', r9: '0x9', rflags: '0x246' } })!;
    expect(x64.map((r) => r.name)).toEqual(['rax', 'rsp', 'r9', 'r10', 'rip', 'rflags']);
    expect(x64.map((r) => r.hex)).toEqual(['0x0000000000000000', '0x000000016f0ff3c0', '0x0000000000000009', '0x000000000000000a', '0x0000000100c0c5ac',
      '0x0000000000000246']);
    expect(registersOf({ registers: { eip: '0x401000', eax: '0x1' } })!.map((r) => r.hex)).toEqual(['0x00000001', '0x00401000']);
    expect(numericOf(x64[4]!)).toBe('4307600812');
    const arm = registersOf({ registers: { pc: '0x1', x10: '0x0', x2: '0x0', lr: '0x2', fp: '0x3', sp: '0x4', cpsr: '0x60000000' } })!;
    expect(arm.map((r) => r.name)).toEqual(['x2', 'x10', 'fp', 'lr', 'sp', 'pc', 'cpsr']);
  });

  it('keeps a value that is no number as text, and gives nothing for no registers', () => {
    const [odd] = registersOf({ registers: { pc: 'unknown' } })!;
    expect(odd).toEqual({ name: 'pc', hex: null, text: 'unknown' });
    expect(numericOf(odd!)).toBe('unknown');
    expect(registersOf({ frames: [] })).toBeNull();
    expect(registersOf({ registers: [] })).toBeNull();
    expect(registersOf({ registers: { pc: { nested: 1 } } })).toBeNull();
    expect(registersOf(null)).toBeNull();
  });
});

describe('register width', () => {
  // A minidump of an x86-64 process whose registers all hold small values (the reviewer's shop.dmp).
  const minidump = { registers: { rax: '0x0', rbp: '0x7ffd0010', rsp: '0x7ffd0000', rip: '0x401010' } };

  it('prints an x86-64 CPU registers as 16 hex digits even when every value is small', () => {
    expect(registersOf(minidump)!.map((r) => r.hex)).toEqual(['0x0000000000000000', '0x000000007ffd0010', '0x000000007ffd0000', '0x0000000000401010']);
    expect(registersOf({ registers: { pc: '0x1000', sp: '0x2000' } }, 'arm64')![0]!.hex).toBe('0x0000000000002000');
  });

  it('keeps 8 digits for a 32-bit CPU', () => {
    expect(registersOf({ registers: { r0: '0x1', lr: '0xe625e154' } }, 'armv7')!.map((r) => r.hex)).toEqual(['0xe625e154', '0x00000001']);
    expect(registersOf({ registers: { eip: '0x401000' } }, 'x86')![0]!.hex).toBe('0x00401000');
  });
});
