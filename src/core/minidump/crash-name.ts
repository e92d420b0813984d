import type { MinidumpCrash } from './read-minidump';

/** Windows exception codes (NTSTATUS) crash handlers record most. */
const WINDOWS: Record<number, string> = {
  0xc0000005: 'EXCEPTION_ACCESS_VIOLATION', 0xc0000006: 'EXCEPTION_IN_PAGE_ERROR', 0xc000001d: 'EXCEPTION_ILLEGAL_INSTRUCTION',
  0xc000008c: 'EXCEPTION_ARRAY_BOUNDS_EXCEEDED', 0xc0000094: 'EXCEPTION_INT_DIVIDE_BY_ZERO', 0xc0000095: 'EXCEPTION_INT_OVERFLOW',
  0xc0000096: 'EXCEPTION_PRIV_INSTRUCTION', 0xc00000fd: 'EXCEPTION_STACK_OVERFLOW', 0xc0000374: 'STATUS_HEAP_CORRUPTION',
  0xc0000409: 'STATUS_STACK_BUFFER_OVERRUN', 0x80000003: 'EXCEPTION_BREAKPOINT', 0xe06d7363: 'Microsoft C++ Exception',
};
/** Signals, as Breakpad and Crashpad record them on Linux and Android. */
const SIGNALS: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV', 13: 'SIGPIPE', 31: 'SIGSYS' };
/** Mach exception types on macOS and iOS. */
const MACH: Record<number, string> = {
  1: 'EXC_BAD_ACCESS', 2: 'EXC_BAD_INSTRUCTION', 3: 'EXC_ARITHMETIC', 4: 'EXC_EMULATION', 5: 'EXC_SOFTWARE', 6: 'EXC_BREAKPOINT',
  10: 'EXC_CRASH', 11: 'EXC_RESOURCE', 12: 'EXC_GUARD',
};
const ACCESS = new Map([[0n, 'READ'], [1n, 'WRITE'], [8n, 'EXEC']]);

/**
 * The crash's name as a symbolicating server gives it (`EXCEPTION_ACCESS_VIOLATION_WRITE`,
 * `SIGSEGV`, `EXC_BAD_ACCESS`), else the code in hex.
 */
export function crashName(crash: MinidumpCrash): string {
  const { platformId, code } = crash;
  if (platformId === 0x8201 || platformId === 0x8203 || platformId === 0x8204) return SIGNALS[code] ?? `signal ${code}`;
  if (platformId === 0x8101 || platformId === 0x8102 || platformId === 0x8103) return MACH[code] ?? `0x${code.toString(16)}`;
  const name = WINDOWS[code];
  if (!name) return `0x${code.toString(16).padStart(8, '0')}`;
  const access = code === 0xc0000005 && crash.info[0] !== undefined ? ACCESS.get(crash.info[0]) : undefined;
  return access ? `${name}_${access}` : name;
}
