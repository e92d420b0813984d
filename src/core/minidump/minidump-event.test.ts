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
    // Its frames have addresses, no functions: no culprit rather than Sentry's lone '?'.
    expect(eventTitle(event).culprit).toBeNull();
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
  });

  it('records why in event.errors, as Sentry does, when a dump names no crash or is not a minidump', () => {
    // A header and nothing else: 20 bytes, no stream directory, so no exception stream.
    const headerOnly = buildMinidump({ platformId: WINDOWS, code: 0xc0000005, address: 1n }).subarray(0, 20);
    const event: SentryEvent = { platform: 'native', errors: [{ type: 'clock_drift', name: 'timestamp' }] };
    expect(applyMinidump(event, headerOnly)).toBe(true);
    expect(event.exception).toBeUndefined();
    expect(event.errors).toEqual([{ type: 'clock_drift', name: 'timestamp' }, { type: 'native_no_crashed_thread',
      message: 'The minidump (20 bytes) has no readable exception stream, so it does not say which thread crashed or why.' }]);
    // The same dump read again (a resent envelope's event) does not list the problem twice.
    expect(applyMinidump(event, headerOnly)).toBe(false);
    expect(event.errors).toHaveLength(2);

    const garbage: SentryEvent = {};
    expect(applyMinidump(garbage, Buffer.from('not a dump at all'))).toBe(true);
    expect(garbage.errors).toEqual([{ type: 'native_symbolicator_failed',
      message: 'The minidump attachment (17 bytes) is not a minidump: it does not start with the MDMP signature.' }]);
    const badGzip: SentryEvent = {};
    expect(applyMinidump(badGzip, Buffer.from([0x1f, 0x8b, 1, 2, 3]))).toBe(true);
    expect(badGzip.errors).toMatchObject([{ type: 'native_symbolicator_failed' }]);
    // An event with an exception of its own is not the dump's to explain.
    const own: SentryEvent = { exception: { values: [{ type: 'Error' }] } };
    expect(applyMinidump(own, headerOnly)).toBe(false);
    expect(own.errors).toBeUndefined();
  });

  it("lists the dump's modules as the event's loaded images, with the ids their symbol files are found by", () => {
    const windows: SentryEvent = {};
    const guid = Buffer.from('9dd94932400c31498610f4e4fb0b6936', 'hex');
    applyMinidump(windows, buildMinidump({ platformId: WINDOWS, arch: 9, code: 0xc0000005, address: 0x7ff600001234n, modules: [
      { ...app, timestamp: 0x5ab38077, codeView: { guid, age: 1, pdb: 'C:\\build\\shop.pdb' } },
      { name: 'C:\\Windows\\System32\\ntdll.dll', base: 0x7ffe2c000000n, size: 0x9000, timestamp: 0x5ab38077 },
    ] }));
    expect(windows.debug_meta?.images).toEqual([
      { type: 'pe', code_file: app.name, image_addr: '0x7ff600000000', image_size: 0x100000, debug_id: '3249d99d-0c40-4931-8610-f4e4fb0b6936-1',
        debug_file: 'C:\\build\\shop.pdb', code_id: '5AB38077100000', arch: 'x86_64' },
      { type: 'pe', code_file: 'C:\\Windows\\System32\\ntdll.dll', image_addr: '0x7ffe2c000000', image_size: 0x9000, arch: 'x86_64' },
    ]);
    expect(windows.exception?.values?.[0]?.stacktrace?.frames?.[0]?.package).toBe(app.name);

    const linux: SentryEvent = { debug_meta: { images: [] } };
    const buildId = Buffer.from('b41c9d2f540a7e45a31e57305cf5a4fa12345678', 'hex');
    applyMinidump(linux, buildMinidump({ platformId: LINUX, arch: 12, code: 11, address: 0x10n,
      modules: [{ name: '/usr/bin/shop', base: 0x400000n, size: 0x2000, codeView: { buildId } }] }));
    expect(linux.debug_meta?.images).toEqual([{ type: 'elf', code_file: '/usr/bin/shop', image_addr: '0x400000', image_size: 0x2000,
      debug_id: '2f9d1cb4-0a54-457e-a31e-57305cf5a4fa', code_id: buildId.toString('hex'), arch: 'arm64' }]);
  });

  it("reads a module list padded after its count, as Microsoft's writers lay it out", () => {
    const modules = [{ name: '/usr/bin/a', base: 0x1000n, size: 16 }, { name: '/usr/lib/b.so', base: 0x8000n, size: 32 }];
    const plain = readMinidumpCrash(buildMinidump({ platformId: LINUX, code: 11, address: 0x10n, modules }));
    const padded = readMinidumpCrash(buildMinidump({ platformId: LINUX, code: 11, address: 0x10n, modules, paddedModuleList: true }));
    expect(padded?.modules).toEqual(plain?.modules);
    expect(padded?.modules.map((m) => [m.name, m.base])).toEqual([['/usr/bin/a', 0x1000n], ['/usr/lib/b.so', 0x8000n]]);
  });

  it('keeps the images an SDK sent and stops at a module list cut short', () => {
    const sent = [{ type: 'elf', code_file: '/app', image_addr: '0x1000', image_size: 16 }];
    const event: SentryEvent = { debug_meta: { images: sent } };
    applyMinidump(event, buildMinidump({ platformId: LINUX, code: 11, address: 0x10n, modules: [{ name: '/usr/bin/shop', base: 0n, size: 1 }] }));
    expect(event.debug_meta?.images).toBe(sent);
    const whole = buildMinidump({ platformId: LINUX, code: 11, address: 0x10n, modules: [{ name: '/usr/bin/a', base: 0n, size: 1 }, { name: '/b', base: 8n, size: 1 }] });
    const crash = readMinidumpCrash(whole.subarray(0, whole.length - 8));
    expect(crash?.modules.map((m) => m.name)).toEqual(['/usr/bin/a']);
  });
});
