import { describe, expect, it } from 'vitest';
import { findProgram, spawnPlan } from './find-program';

describe('findProgram', () => {
  const only = (...files: string[]) => (f: string) => files.includes(f);

  it('looks through the absolute PATH folders in order and ignores relative ones', () => {
    const env = { PATH: 'bin:/opt/a:/usr/bin' };
    expect(findProgram('code', { platform: 'linux', env, isExecutable: only('/usr/bin/code', 'bin/code') })).toBe('/usr/bin/code');
    expect(findProgram('code', { platform: 'linux', env, isExecutable: only('/opt/a/code', '/usr/bin/code') })).toBe('/opt/a/code');
    expect(findProgram('code', { platform: 'linux', env, isExecutable: only() })).toBeNull();
  });

  it('takes an absolute path as is and refuses a relative one', () => {
    expect(findProgram('/opt/ed/bin/ed', { platform: 'linux', env: {}, isExecutable: only('/opt/ed/bin/ed') })).toBe('/opt/ed/bin/ed');
    expect(findProgram('./ed', { platform: 'linux', env: { PATH: '/usr/bin' }, isExecutable: () => true })).toBeNull();
  });

  it('on Windows, tries PATHEXT extensions so `code` finds code.cmd', () => {
    const env = { Path: 'C:\\tools;C:\\VSCode\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD;.PS1' };
    expect(findProgram('code', { platform: 'win32', env, isExecutable: only('C:\\VSCode\\bin\\code.cmd') })).toBe('C:\\VSCode\\bin\\code.cmd');
    expect(findProgram('code', { platform: 'win32', env, isExecutable: only('C:\\VSCode\\bin\\code') })).toBeNull();
  });

  it('on macOS, falls back to the launcher inside the app bundle', () => {
    const zed = '/Users/ada/Applications/Zed.app/Contents/MacOS/cli';
    expect(findProgram('zed', { platform: 'darwin', env: { PATH: '/usr/bin', HOME: '/Users/ada' }, isExecutable: only(zed) })).toBe(zed);
    expect(findProgram('zed', { platform: 'linux', env: { PATH: '/usr/bin', HOME: '/Users/ada' }, isExecutable: only(zed) })).toBeNull();
  });
});

describe('spawnPlan', () => {
  it('starts a program directly, and a Windows .cmd through cmd.exe with quoted arguments', () => {
    expect(spawnPlan('/usr/bin/code', ['--goto', '/a b.js:1:1'], 'linux')).toEqual({ cmd: '/usr/bin/code', args: ['--goto', '/a b.js:1:1'], verbatim: false });
    expect(spawnPlan('C:\\VS Code\\bin\\code.cmd', ['--goto', 'C:\\src\\a b.js:3:4'], 'win32')).toEqual({
      cmd: 'cmd.exe', args: ['/d', '/s', '/c', '""C:\\VS Code\\bin\\code.cmd" "--goto" "C:\\src\\a b.js:3:4""'], verbatim: true,
    });
  });

  it('refuses arguments cmd.exe would interpret, as the file name comes from event data', () => {
    for (const file of ['C:\\src\\a&calc.js', 'C:\\src\\%PATH%.js', 'C:\\src\\"x.js', 'C:\\src\\a|b.js']) {
      expect(spawnPlan('C:\\bin\\code.cmd', ['--goto', file], 'win32')).toEqual({ error: expect.stringContaining('cmd.exe') });
    }
  });
});
