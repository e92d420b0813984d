/**
 * A native stack's `registers` (name → value, hex strings as SDKs send them), in the order CPU
 * manuals list them (as Sentry's issue page does), not alphabetically: x86-64, x86, ARM64, ARM.
 * Shown at the CPU's width: a 64-bit CPU's registers as 16 hex digits, a 32-bit one's as 8.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/frame/frameRegisters/index.tsx
 */
const ORDER = [
  'rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', ...Array.from({ length: 8 }, (_, i) => `r${i + 8}`), 'rip', 'rflags', 'eflags',
  'eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'eip',
  ...Array.from({ length: 29 }, (_, i) => `x${i}`), 'fp', 'lr', 'sp', 'pc', 'cpsr',
  ...Array.from({ length: 13 }, (_, i) => `r${i}`), 'ip',
  'cs', 'ds', 'es', 'fs', 'gs', 'ss',
];
// The first place a name has (ARM's r8-r12 come after x86-64's).
const RANK = new Map([...ORDER.entries()].reverse().map(([i, name]) => [name, i]));
const MAX_REGISTERS = 200;
/** Architectures as SDKs and minidumps name them (`contexts.device.arch`, `debug_meta.images[].arch`). */
const WIDE_ARCH = /^(x86_64|amd64|x64|arm64.*|aarch64|ppc64.*|mips64.*|riscv64)$/i;
const NARROW_ARCH = /^(x86|i[3-6]86|arm(v\d.*)?|thumb.*|ppc|mips)$/i;
/** Register names only a 64-bit CPU has. */
const WIDE_NAMES = /^(r[a-d]x|r[sd]i|r[sb]p|rip|rflags|r(8|9|1[0-5])|x([0-9]|1[0-9]|2[0-8]))$/i;

/** The CPU of an Android ABI name (`arm64-v8a`, `armeabi-v7a`) or of any other `contexts.device.arch`. */
export function cpuArch(deviceArch: unknown): string | null {
  if (typeof deviceArch !== 'string' || deviceArch === '') return null;
  return deviceArch.replace(/-v8a$/, '').replace(/^armeabi(-v7a)?$/, 'armv7');
}

export interface Register { name: string; hex: string | null; text: string }

/** Whether registers print as 16 hex digits: by the CPU's arch when known, else by the register names, else by the values. */
function isWide(list: readonly Register[], arch: string | null): boolean {
  if (arch !== null && WIDE_ARCH.test(arch)) return true;
  if (arch !== null && NARROW_ARCH.test(arch)) return false;
  return list.some((r) => WIDE_NAMES.test(r.name) || (r.hex !== null && r.hex.length > 10));
}

/**
 * Registers of a stack trace, ordered; null when it has none. A value that is no number is kept as
 * text. `arch`: the crashed CPU's architecture (`contexts.device.arch`), which sets the width.
 */
export function registersOf(stacktrace: unknown, arch: string | null = null): Register[] | null {
  const raw = typeof stacktrace === 'object' && stacktrace !== null ? (stacktrace as { registers?: unknown }).registers : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const list: Register[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>).slice(0, MAX_REGISTERS)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    list.push({ name, hex: hexOf(value), text: String(value) });
  }
  const wide = isWide(list, arch);
  for (const r of list) if (r.hex !== null) r.hex = `0x${r.hex.slice(2).replace(/^0+(?=.)/, '').padStart(wide ? 16 : 8, '0')}`;
  const rank = (n: string) => RANK.get(n.toLowerCase()) ?? ORDER.length;
  list.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'en', { numeric: true }));
  return list.length > 0 ? list : null;
}

/** 0x-prefixed hex; null for a value that is no number or does not fit 64 bits. */
function hexOf(value: string | number): string | null {
  let n: bigint;
  try {
    n = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : -1n) : BigInt(/^0x[0-9a-f]+$/i.test(value) || /^\d+$/.test(value) ? value : 'x');
  } catch { return null; }
  if (n < 0n || n >= 1n << 64n) return null;
  return `0x${n.toString(16)}`;
}

/** The value in decimal (Sentry's "Numeric"), or the text as sent. */
export function numericOf(r: Register): string {
  return r.hex === null ? r.text : BigInt(r.hex).toString(10);
}
