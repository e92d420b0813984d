/**
 * A native stack's `registers` (name → value, hex strings as SDKs send them), in the order CPU
 * manuals list them (as Sentry's issue page does), not alphabetically: x86-64, x86, ARM64, ARM.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
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

export interface Register { name: string; hex: string | null; text: string }

/** Registers of a stack trace, ordered; null when it has none. A value that is no number is kept as text. */
export function registersOf(stacktrace: unknown): Register[] | null {
  const raw = typeof stacktrace === 'object' && stacktrace !== null ? (stacktrace as { registers?: unknown }).registers : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const list: Register[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>).slice(0, MAX_REGISTERS)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    list.push({ name, hex: hexOf(value), text: String(value) });
  }
  // One width for all, as a 64-bit CPU's registers are: 16 digits once any value needs more than 8.
  const wide = list.some((r) => r.hex !== null && r.hex.length > 10);
  for (const r of list) if (r.hex !== null) r.hex = `0x${r.hex.slice(2).replace(/^0+(?=.)/, '').padStart(wide ? 16 : 8, '0')}`;
  const rank = (n: string) => RANK.get(n.toLowerCase()) ?? ORDER.length;
  list.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'en', { numeric: true }));
  return list.length > 0 ? list : null;
}

/** 0x-prefixed, 8 or 16 digits; null for a value that is no number. */
function hexOf(value: string | number): string | null {
  let n: bigint;
  try {
    n = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : -1n) : BigInt(/^0x[0-9a-f]+$/i.test(value) || /^\d+$/.test(value) ? value : 'x');
  } catch { return null; }
  if (n < 0n || n >= 1n << 64n) return null;
  const digits = n.toString(16);
  return `0x${digits.padStart(digits.length > 8 ? 16 : 8, '0')}`;
}

/** The value in decimal (Sentry's "Numeric"), or the text as sent. */
export function numericOf(r: Register): string {
  return r.hex === null ? r.text : BigInt(r.hex).toString(10);
}
