/**
 * A thread's CPU context (its registers when the dump was written) as the minidump format lays it
 * out per processor: Microsoft's `CONTEXT_AMD64` and `CONTEXT_X86`, and for ARM64 both
 * `CONTEXT_ARM64` (Windows, Crashpad, newer Breakpad) and the layout older Breakpad wrote.
 * The processor comes from the system info stream, as rust-minidump picks it; a record whose
 * `ContextFlags` names another CPU, or that is cut short, gives no context.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-context
 * @see https://github.com/rust-minidump/rust-minidump/blob/main/minidump-common/src/format.rs
 */

export type ContextArch = 'x86' | 'x86_64' | 'arm64';

export interface CpuContext {
  arch: ContextArch;
  /** 4 or 8: the size of a stack slot and of a return address. */
  pointerWidth: number;
  /** The general registers by the names rust-minidump (and so Sentry) gives them, in its order. */
  registers: [string, bigint][];
  ip: bigint;
  sp: bigint;
  /** rbp / ebp / x29. */
  fp: bigint;
}

/** `PROCESSOR_ARCHITECTURE_*`: 0 Intel, 9 AMD64, 10 IA32 on Win64, 12 ARM64, 0x8003 Breakpad's older ARM64. */
const INTEL = new Set([0, 10]);
const AMD64 = 9;
const ARM64 = 12;
const ARM64_BREAKPAD = 0x8003;

/** The CPU bits of `ContextFlags` (`CONTEXT_CPU_MASK`). */
const CPU_MASK = 0xffffff00;
const FLAG_X86 = 0x10000;
const FLAG_AMD64 = 0x100000;
const FLAG_ARM64 = 0x400000;
const FLAG_ARM64_BREAKPAD = 0x80000000;

const SIZE_X86 = 716;
const SIZE_AMD64 = 1232;
// Up to the end of pc (and, in the older layout, its cpsr, fpsr and fpcr): the float state follows.
const SIZE_ARM64 = 272;
const SIZE_ARM64_BREAKPAD = 284;

/** CONTEXT_AMD64's integer registers from offset 0x78, in the record's order. */
const AMD64_SLOTS = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip'];
/** rust-minidump's (and so Sentry's) order of the AMD64 registers. */
const AMD64_ORDER = ['rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip'];
/** CONTEXT_X86's registers by offset (after the debug registers and the 112-byte float save area). */
const X86_SLOTS: [string, number][] = [
  ['eip', 184], ['esp', 196], ['ebp', 180], ['ebx', 164], ['esi', 160], ['edi', 156], ['eax', 176], ['ecx', 172], ['edx', 168], ['eflags', 192],
];
const ARM64_NAMES = [...Array.from({ length: 29 }, (_, i) => `x${i}`), 'fp', 'lr'];

/** The context record at `[at, at + size)` of `dump`, for the dump's processor; null when unreadable. */
export function readContext(dump: Buffer, at: number, size: number, processor: number | null): CpuContext | null {
  if (processor === null || at <= 0 || at + size > dump.length) return null;
  const record = dump.subarray(at, at + size);
  if (processor === AMD64) return amd64(record);
  if (INTEL.has(processor)) return x86(record);
  // Both ARM64 layouts hold x0–x30, sp and pc as consecutive words from offset 8; `context_flags`
  // is 32 bits wide in one and 64 in the other (its low word holds the CPU bits either way).
  const flags = (record.length >= 4 ? record.readUInt32LE(0) & CPU_MASK : 0) >>> 0;
  if (processor === ARM64) return flags === FLAG_ARM64 ? arm64(record, SIZE_ARM64) : null;
  if (processor === ARM64_BREAKPAD) return flags === FLAG_ARM64_BREAKPAD ? arm64(record, SIZE_ARM64_BREAKPAD) : null;
  return null;
}

function amd64(record: Buffer): CpuContext | null {
  if (record.length < SIZE_AMD64 || (record.readUInt32LE(0x30) & CPU_MASK) >>> 0 !== FLAG_AMD64) return null;
  const values = new Map(AMD64_SLOTS.map((name, i) => [name, record.readBigUInt64LE(0x78 + i * 8)]));
  const registers = AMD64_ORDER.map((name): [string, bigint] => [name, values.get(name)!]);
  return { arch: 'x86_64', pointerWidth: 8, registers, ip: values.get('rip')!, sp: values.get('rsp')!, fp: values.get('rbp')! };
}

function x86(record: Buffer): CpuContext | null {
  if (record.length < SIZE_X86 || (record.readUInt32LE(0) & CPU_MASK) >>> 0 !== FLAG_X86) return null;
  const registers = X86_SLOTS.map(([name, offset]): [string, bigint] => [name, BigInt(record.readUInt32LE(offset))]);
  const value = (name: string) => registers.find(([n]) => n === name)![1];
  return { arch: 'x86', pointerWidth: 4, registers, ip: value('eip'), sp: value('esp'), fp: value('ebp') };
}

function arm64(record: Buffer, size: number): CpuContext | null {
  if (record.length < size) return null;
  const registers = ARM64_NAMES.map((name, i): [string, bigint] => [name, record.readBigUInt64LE(8 + i * 8)]);
  const sp = record.readBigUInt64LE(8 + 31 * 8);
  const pc = record.readBigUInt64LE(8 + 32 * 8);
  registers.push(['sp', sp], ['pc', pc]);
  return { arch: 'arm64', pointerWidth: 8, registers, ip: pc, sp, fp: registers[29]![1] };
}

/** The registers as Sentry's `stacktrace.registers` holds them: `0x`-prefixed hex strings. */
export function registersObject(context: CpuContext): Record<string, string> {
  return Object.fromEntries(context.registers.map(([name, value]) => [name, `0x${value.toString(16)}`]));
}
