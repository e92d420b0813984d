import { describe, expect, it } from 'vitest';
import { errnoName, mechanismLabel, osOf } from './mechanism-label';

describe('mechanismLabel', () => {
  it("names a Python OSError's errno (sentry-python sends only the number, and no OS)", () => {
    // What sentry-python 2 sends for open('/missing'): mechanism { type: 'generic', handled: true, meta: { errno: { number: 2 } } }.
    expect(mechanismLabel({ type: 'generic', handled: true, meta: { errno: { number: 2 } } })).toBe('generic · handled · errno ENOENT (2)');
  });

  it('keeps a number whose name depends on the OS bare without one, and names it for the OS the event names', () => {
    expect(mechanismLabel({ type: 'generic', meta: { errno: { number: 11 } } })).toBe('generic · errno 11');
    expect(mechanismLabel({ type: 'generic', meta: { errno: { number: 11 } } }, 'Linux')).toBe('generic · errno EAGAIN (11)');
    expect(mechanismLabel({ type: 'generic', meta: { errno: { number: 11 } } }, 'macOS')).toBe('generic · errno EDEADLK (11)');
    expect(mechanismLabel({ type: 'generic', meta: { errno: { number: 4242 } } }, 'Linux')).toBe('generic · errno 4242');
  });

  it("prefers the SDK's own name, and names signals and Mach exceptions as Relay does", () => {
    expect(mechanismLabel({ type: 'posix', meta: { errno: { number: 2, name: 'ENOFILE' } } })).toBe('posix · errno ENOFILE (2)');
    expect(mechanismLabel({ type: 'signalhandler', handled: false, meta: { signal: { number: 11 } } }, 'Linux')).toBe('signalhandler · unhandled · SIGSEGV (11)');
    expect(mechanismLabel({ type: 'signalhandler', meta: { signal: { number: 11 } } })).toBe('signalhandler · signal 11');
    expect(mechanismLabel({ type: 'mach', meta: { mach_exception: { exception: 1, code: 2, subcode: 0 } } }, 'iOS')).toBe('mach · EXC_BAD_ACCESS (1)');
  });

  it('skips what is not a mechanism, odd-typed meta included', () => {
    expect(mechanismLabel(undefined)).toBeNull();
    expect(mechanismLabel('generic')).toBeNull();
    expect(mechanismLabel({ type: 'generic', meta: { errno: 'two', signal: [11] } })).toBe('generic');
  });
});

describe('errnoName', () => {
  it("reads Relay's tables for each OS, gaps included", () => {
    expect([errnoName(110, 'linux'), errnoName(133, 'linux'), errnoName(41, 'linux'), errnoName(59, 'linux')]).toEqual(['ETIMEDOUT', 'EHWPOISON', null, 'EBFONT']);
    expect([errnoName(60, 'darwin'), errnoName(106, 'darwin'), errnoName(107, 'darwin')]).toEqual(['ETIMEDOUT', 'EQFULL', null]);
    expect([errnoName(2, 'windows'), errnoName(15, 'windows'), errnoName(100, 'windows'), errnoName(140, 'windows')]).toEqual(['ENOENT', null, 'EADDRINUSE', 'EWOULDBLOCK']);
    expect([errnoName(0, null), errnoName(2.5, 'linux'), errnoName(35, null)]).toEqual([null, null, null]);
  });

  it("maps an event's os.name as Relay's OsHint does", () => {
    expect(['Linux', 'Android', 'iOS', 'macOS', 'Windows', 'FreeBSD', 3].map(osOf)).toEqual(['linux', 'linux', 'darwin', 'darwin', 'windows', null, null]);
  });
});
