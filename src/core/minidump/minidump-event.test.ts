import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { eventTitle } from '../grouping';
import { applyMinidump } from './minidump-event';
import { readMinidumpCrash } from './read-minidump';
import { buildMinidump } from './test-minidump';

const WINDOWS = 2;
const LINUX = 0x8201;
const MACOS = 0x8101;
const app = { name: 'C:\\Program Files\\Shop\\shop.exe', base: 0x7ff600000000n, size: 0x100000 };

describe('minidumps', () => {
  it('names a Windows access violation by its kind, places the crash in its module and thread', () => {
    const event: SentryEvent = { platform: 'native' };
    const dump = buildMinidump({ platformId: WINDOWS, code: 0xc0000005, info: [1n, 0x20n], address: 0x7ff600001234n, threadId: 12996, module: app });
    expect(applyMinidump(event, dump)).toBe(true);
    const exception = event.exception?.values?.[0];
    expect(exception).toMatchObject({ type: 'EXCEPTION_ACCESS_VIOLATION_WRITE', value: 'Fatal Error: EXCEPTION_ACCESS_VIOLATION_WRITE', thread_id: 12996,
      mechanism: { type: 'minidump', handled: false } });
    expect(exception?.stacktrace?.frames).toEqual([{ instruction_addr: '0x7ff600001234', package: app.name }]);
    expect(eventTitle(event).title).toBe('EXCEPTION_ACCESS_VIOLATION_WRITE: Fatal Error: EXCEPTION_ACCESS_VIOLATION_WRITE');
    expect(event.level).toBe('fatal');
  });

  it('names signals on Linux and Mach exceptions on macOS, and reads a gzipped dump', () => {
    const linux: SentryEvent = {};
    applyMinidump(linux, gzipSync(buildMinidump({ platformId: LINUX, code: 11, address: 0x10n })));
    expect(linux.exception?.values?.[0]?.type).toBe('SIGSEGV');
    expect(linux.exception?.values?.[0]?.stacktrace?.frames).toEqual([{ instruction_addr: '0x10' }]);
    const mac: SentryEvent = {};
    applyMinidump(mac, buildMinidump({ platformId: MACOS, code: 1, address: 0x10n }));
    expect(mac.exception?.values?.[0]?.type).toBe('EXC_BAD_ACCESS');
  });

  it('leaves an event that has its own exception, and a dump it cannot read, as they are', () => {
    const own: SentryEvent = { exception: { values: [{ type: 'Error', value: 'from the SDK' }] } };
    expect(applyMinidump(own, buildMinidump({ platformId: WINDOWS, code: 0xc0000005, address: 1n }))).toBe(false);
    expect(own.exception?.values?.[0]?.type).toBe('Error');
    const dump = buildMinidump({ platformId: WINDOWS, code: 0xc0000005, address: app.base + 16n, module: app });
    for (const cut of [8, 40, 80]) expect(readMinidumpCrash(dump.subarray(0, cut))).toBeNull();
    // Cut inside the module's name: the crash is still read, the name as far as it goes.
    expect(readMinidumpCrash(dump.subarray(0, dump.length - 10))?.module?.name).toBe(app.name.slice(0, -5));
    expect(applyMinidump({}, Buffer.from('MDMP but nothing else'))).toBe(false);
    expect(applyMinidump({}, Buffer.from([0x1f, 0x8b, 1, 2, 3]))).toBe(false);
  });
});
