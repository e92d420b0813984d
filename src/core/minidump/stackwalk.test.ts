import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { MAX_FRAMES } from './crash-stacks';
import { applyMinidump } from './minidump-event';
import { buildMinidump, stackOf, type ContextSpec, type DumpSpec } from './test-minidump';

const LINUX = 0x8201;
const MACOS = 0x8101;
const WINDOWS = 2;
const AMD64 = 9;
const ARM64 = 12;
const app = { name: '/usr/bin/shop', base: 0x555500000000n, size: 0x10000 };
const libc = { name: '/lib/x86_64-linux-gnu/libc.so.6', base: 0x7f0000000000n, size: 0x200000 };
const S = 0x7ffd00000000n;
const hex = (v: bigint) => `0x${v.toString(16)}`;
const at = (module: typeof app, offset: number) => module.base + BigInt(offset);

/** Sentry's frame for an address in a module, found the given way. */
const frame = (module: typeof app, offset: number, trust: string) =>
  ({ instruction_addr: hex(at(module, offset)), package: module.name, image_addr: hex(module.base), trust });

function crash(spec: Omit<DumpSpec, 'code' | 'address'> & { code?: number }): SentryEvent {
  const event: SentryEvent = { platform: 'native' };
  expect(applyMinidump(event, buildMinidump({ code: 11, address: 0x45n, threadId: 1304, ...spec }))).toBe(true);
  return event;
}
const crashed = (event: SentryEvent) => event.exception?.values?.[0]?.stacktrace;
/** Frames innermost first, as a reader follows the walk. */
const walked = (event: SentryEvent) => [...(crashed(event)?.frames ?? [])].reverse();

/**
 * f3 (crashed, rbp set up) ← f2 ← f1 ← libc's __libc_start_main (whose saved rbp is 0, so the
 * chain ends) ← _start, found by scanning. A stale code pointer lies in f3's locals.
 */
const amd64Stack = stackOf(S, [
  0x1234n, at(app, 0x1500), 0n, 0n,
  S + 0x40n, at(app, 0x1234), 7n, 8n,
  S + 0x60n, at(app, 0x2345), 9n, 10n,
  0n, at(libc, 0x29d90), 0xdeadbeefn, at(app, 0x1045),
  0n, 0n,
]);
const amd64Registers = { rax: 0xffffffffffffffffn, rbx: 1n, rcx: 2n, rdx: 3n, rsi: 4n, rdi: 5n, rbp: S + 0x20n, rsp: S,
  r8: 8n, r9: 9n, r10: 10n, r11: 11n, r12: 12n, r13: 13n, r14: 14n, r15: 15n, rip: at(app, 0x1100) };
const amd64: ContextSpec = { layout: 'amd64', registers: amd64Registers };

describe('minidump stacks without symbols', () => {
  it('walks an amd64 crash by its frame pointers, then scans past the end of the chain', () => {
    const event = crash({ platformId: LINUX, arch: AMD64, modules: [app, libc], context: amd64,
      threads: [{ id: 1304, context: amd64, stack: amd64Stack }] });
    expect(walked(event)).toEqual([
      frame(app, 0x1100, 'context'), frame(app, 0x1234, 'fp'), frame(app, 0x2345, 'fp'), frame(libc, 0x29d90, 'scan'), frame(app, 0x1045, 'scan'),
    ]);
    expect(crashed(event)?.registers).toEqual(Object.fromEntries(Object.entries(amd64Registers).map(([k, v]) => [k, hex(v)])));
    expect(Object.keys(crashed(event)?.registers ?? {})).toEqual(['rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp',
      'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip']);
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'SIGSEGV', thread_id: 1304 });
    expect(event.threads?.values).toEqual([{ id: 1304, crashed: true, current: true }]);
  });

  it('scans instead when a frame pointer leads out of every module, and finds the stack in the memory list', () => {
    const lost = stackOf(S, [0x1234n, at(app, 0x1500), S + 0x20n, 0x4141414141n, S + 0x30n, 0n, 0n]);
    const event = crash({ platformId: LINUX, arch: AMD64, modules: [app, libc], memory: [lost],
      context: { layout: 'amd64', registers: { rip: at(app, 0x1100), rsp: S, rbp: S + 0x10n } }, threads: [{ id: 1304 }] });
    expect(walked(event)).toEqual([frame(app, 0x1100, 'context'), frame(app, 0x1500, 'scan')]);
  });

  it('on Windows x64 looks for the frame record up to 240 bytes above rbp, in 16-byte steps', () => {
    const stack = stackOf(S, [1n, 2n, 0n, 0n, 5n, 6n, S + 0x50n, at(app, 0x3000), 0n, 0n, 0n, 0n]);
    const context: ContextSpec = { layout: 'amd64', registers: { rip: at(app, 0x100), rsp: S, rbp: S + 0x10n } };
    const spec = { arch: AMD64, modules: [app], context, threads: [{ id: 1304, context, stack }] };
    expect(walked(crash({ ...spec, platformId: WINDOWS }))[1]).toEqual(frame(app, 0x3000, 'fp'));
    // Elsewhere rbp points at the record itself: the same return address is only found by scanning.
    expect(walked(crash({ ...spec, platformId: LINUX }))[1]).toEqual(frame(app, 0x3000, 'scan'));
  });

  it('walks ARM64 frame records, strips pointer authentication bits, and stops at fp = 0', () => {
    const exe = { name: '/Applications/Shop.app/Contents/MacOS/Shop', base: 0x100000000n, size: 0x100000 };
    const dyld = { name: '/usr/lib/dyld', base: 0x180000000n, size: 0x100000 };
    const registers: Record<string, bigint> = { ...Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`x${i}`, BigInt(i * 3)])),
      fp: S + 0x10n, lr: at(exe, 0x5000), sp: S, pc: at(exe, 0x4000) };
    // The saved lr carries a pointer-authentication code in its top bits, as on Apple's arm64e.
    const stack = stackOf(S, [1n, 2n, S + 0x30n, 0x7a1b000000000000n | at(exe, 0x6010), 3n, 4n, 0n, at(dyld, 0x1f00), 0n, at(exe, 0x7000)]);
    for (const [layout, arch] of [['arm64', ARM64], ['arm64-breakpad', 0x8003]] as const) {
      const context: ContextSpec = { layout, registers };
      const event = crash({ platformId: MACOS, code: 1, arch, modules: [exe, dyld], context, threads: [{ id: 1304, context, stack }] });
      expect(event.exception?.values?.[0]?.type).toBe('EXC_BAD_ACCESS');
      expect(walked(event)).toEqual([frame(exe, 0x4000, 'context'), frame(exe, 0x6010, 'fp'), frame(dyld, 0x1f00, 'fp')]);
      const names = [...Array.from({ length: 29 }, (_, i) => `x${i}`), 'fp', 'lr', 'sp', 'pc'];
      expect(crashed(event)?.registers).toEqual(Object.fromEntries(names.map((n) => [n, hex(registers[n]!)])));
    }
  });

  it('walks an x86 ebp chain to its null return address', () => {
    const exe = { name: 'C:\\Shop\\shop.exe', base: 0x400000n, size: 0x30000 };
    const kernel32 = { name: 'C:\\Windows\\System32\\kernel32.dll', base: 0x7c800000n, size: 0xf4000 };
    const s = 0x12fe80n;
    const stack = stackOf(s, [1n, 2n, s + 0x10n, 0x404200n, s + 0x20n, 0x4053ecn, 9n, 9n, s + 0x30n, 0x7c816fd7n, 0n, 0n, 0n, 0n, 0x405443n, 0n], 4);
    const context: ContextSpec = { layout: 'x86', registers: { eip: 0x40429en, esp: s, ebp: s + 8n, eax: 0x45n, eflags: 0x10246n } };
    const event = crash({ platformId: WINDOWS, arch: 0, modules: [exe, kernel32], context, threads: [{ id: 3060, context, stack }], threadId: 3060 });
    expect(walked(event).map((f) => [f.instruction_addr, f.trust])).toEqual([['0x40429e', 'context'], ['0x404200', 'fp'], ['0x4053ec', 'fp'], ['0x7c816fd7', 'fp']]);
    expect(crashed(event)?.registers).toEqual({ eip: '0x40429e', esp: '0x12fe80', ebp: '0x12fe88', ebx: '0x0', esi: '0x0', edi: '0x0',
      eax: '0x45', ecx: '0x0', edx: '0x0', eflags: '0x10246' });
  });

  it('lists the other threads with their names, registers and stacks', () => {
    const worker: ContextSpec = { layout: 'amd64', registers: { rip: at(libc, 0x11e0), rsp: S + 0x1000n, rbp: 0n } };
    const workerStack = stackOf(S + 0x1000n, [5n, at(app, 0x2000), 0n]);
    const event = crash({ platformId: LINUX, arch: AMD64, modules: [app, libc], context: amd64, threads: [
      { id: 1304, context: amd64, stack: amd64Stack, name: 'main' },
      { id: 1310, context: worker, stack: workerStack, name: 'db-pool' },
      { id: 1311 },
    ] });
    expect(event.threads?.values).toEqual([
      { id: 1304, name: 'main', crashed: true, current: true },
      { id: 1310, name: 'db-pool', crashed: false, stacktrace: {
        frames: [frame(app, 0x2000, 'scan'), frame(libc, 0x11e0, 'context')],
        registers: expect.objectContaining({ rip: hex(at(libc, 0x11e0)), rsp: hex(S + 0x1000n), rbp: '0x0' }) } },
      { id: 1311, crashed: false },
    ]);
  });
});

describe('minidump stacks from damaged dumps', () => {
  const whole = buildMinidump({ platformId: LINUX, arch: AMD64, code: 11, address: 0x45n, threadId: 1304, modules: [app, libc],
    context: amd64, threads: [{ id: 1304, context: amd64, stack: amd64Stack, name: 'main' }, { id: 9, context: amd64, stack: amd64Stack }] });

  it('gives an event with what could be read at every length the dump is cut to, never an exception', () => {
    let named = 0;
    for (let cut = 0; cut <= whole.length; cut += 3) {
      const event: SentryEvent = {};
      expect(applyMinidump(event, whole.subarray(0, cut))).toBe(true);
      // Cut before the exception stream: the event says so instead of naming a crash.
      if (!event.exception) { expect(event.errors).toHaveLength(1); continue; }
      named++;
      expect(event.exception?.values?.[0]?.type).toBe('SIGSEGV');
      expect(crashed(event)?.frames?.length).toBeGreaterThan(0);
    }
    expect(named).toBeGreaterThan(0);
  });

  it('keeps the crash when the context names another CPU, and bounds lists that claim too much', () => {
    const arm = crash({ platformId: LINUX, arch: ARM64, modules: [app], context: amd64, threads: [{ id: 1304, context: amd64, stack: amd64Stack }] });
    expect(crashed(arm)).toEqual({ frames: [{ instruction_addr: '0x45' }] });
    expect(arm.threads?.values).toEqual([{ id: 1304, crashed: true, current: true }]);
    const lying = Buffer.from(whole);
    // The thread list's count (the stream after exception, system info and modules) says 4 billion.
    const threadListAt = lying.readUInt32LE(32 + 3 * 12 + 8);
    lying.writeUInt32LE(0xffffffff, threadListAt);
    const event: SentryEvent = {};
    expect(applyMinidump(event, lying)).toBe(true);
    expect(event.threads?.values?.map((t) => t.id)).toEqual([1304, 9]);
  });

  it('stops at the frame bound on a stack full of code addresses, and on a frame record pointing at itself', () => {
    const words = Array.from({ length: 5000 }, (_, i) => at(app, 0x100 + i));
    const flood = crash({ platformId: LINUX, arch: AMD64, modules: [app], context: { layout: 'amd64', registers: { rip: at(app, 0x10), rsp: S } },
      threads: [{ id: 1304, stack: stackOf(S, words) }] });
    expect(crashed(flood)?.frames).toHaveLength(MAX_FRAMES);
    expect(walked(flood)[MAX_FRAMES - 1]).toEqual(frame(app, 0x100 + MAX_FRAMES - 2, 'scan'));
    const loop: ContextSpec = { layout: 'arm64', registers: { pc: at(app, 0x10), sp: S, fp: S } };
    const looped = crash({ platformId: LINUX, arch: ARM64, modules: [app], context: loop,
      threads: [{ id: 1304, stack: stackOf(S, [S, at(app, 0x20), 0n, 0n]) }] });
    expect(walked(looped).map((f) => [f.instruction_addr, f.trust])).toEqual([[hex(at(app, 0x10)), 'context'], [hex(at(app, 0x20)), 'fp']]);
  });
});
