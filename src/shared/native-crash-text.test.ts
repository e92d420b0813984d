import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeCrashText } from './native-crash-text';
import { crashedThread, mechanismFacts } from './native-crash';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../test/fixtures/native/${name}`, import.meta.url), 'utf8'));

describe('a native crash as Apple-crash-report text', () => {
  it('prints the NDK crash by image and offset, then the images its frames lie in', () => {
    const text = nativeCrashText(fixture('ndk-crash.json'))!;
    const lines = text.split('\n');
    expect(lines[0]).toBe('Exception Type:  SIGSEGV (Segfault)');
    expect(text).toContain('Signal:          SIGSEGV (11)');
    // The innermost frame (the last sent) first; unsymbolicated: image base + offset in decimal, as Apple prints it.
    expect(text).toMatch(/^0 {3}\?\?\?\s+ 0xbcc196b4 <unknown>$/m);
    expect(text).toMatch(/^6 {3}libshop\.so\s+ 0x708ebbf9 0x708e0000 \+ 48121$/m);
    expect(text).toContain('Binary Images:\n0xe5d95000 - 0xe643bfff libart.so ? <6862a0a0-9544-2d09-1756-e30ba2dff37d> /apex/com.android.runtime/lib/libart.so\n'
      + '0x708e0000 - 0x709dffff libshop.so ? <7973b1b1-0655-3e10-2867-f41cb3e00048>');
  });

  it('marks the crashed cocoa thread, names symbols with their offset, and lists the other threads', () => {
    const text = nativeCrashText(fixture('cocoa-crash.json'))!;
    expect(text).toContain('Mach exception:  EXC_BAD_ACCESS (1), code 1, subcode 0');
    expect(text).toContain('Triggered by Thread:  0');
    expect(text).toContain('Thread 0 Crashed:  com.apple.main-thread\n0   Sentry                         0x00000001000b0bfc -[SentryClient crash] + 24');
    expect(text).toContain('Thread 1:  com.apple.uikit.eventfetch-thread');
    expect(text).toMatch(/^0x0000000100084000 - 0x0000000100093fff Shop arm64 <6a1b2c3d-4e5f-3a6b-8c7d-9e0f1a2b3c4d> \/private\/var/m);
  });

  it('finds the crashed thread and the mechanism facts', () => {
    expect(crashedThread(fixture('cocoa-crash.json'))).toMatchObject({ id: '0', name: 'com.apple.main-thread' });
    expect(mechanismFacts({ type: 'mach', handled: false, meta: { signal: { number: 10, code: 0, name: 'SIGBUS', code_name: 'BUS_NOOP' } } }))
      .toEqual([{ label: 'Mechanism', text: 'mach, unhandled' }, { label: 'Signal', text: 'SIGBUS (10), code BUS_NOOP (0)' }]);
    expect(nativeCrashText({ platform: 'native' })).toBeNull();
  });
});
