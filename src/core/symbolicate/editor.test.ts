import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { detectEditor, editorCommand, openInEditor } from './index';
import { makeProject } from './test-support';

describe('editorCommand', () => {
  const f = '/p/src/cart.js';
  it.each([
    [{ id: 'vscode' as const }, { cmd: 'code', args: ['--goto', '/p/src/cart.js:11:14'] }],
    [{ id: 'cursor' as const }, { cmd: 'cursor', args: ['--goto', '/p/src/cart.js:11:14'] }],
    [{ id: 'jetbrains' as const }, { cmd: 'idea', args: ['--line', '11', '--column', '14', f] }],
    [{ id: 'jetbrains' as const, command: 'webstorm' }, { cmd: 'webstorm', args: ['--line', '11', '--column', '14', f] }],
    [{ id: 'sublime' as const }, { cmd: 'subl', args: ['/p/src/cart.js:11:14'] }],
    [{ id: 'zed' as const }, { cmd: 'zed', args: ['/p/src/cart.js:11:14'] }],
    [{ id: 'custom' as const, command: 'my-ed --open "{file}" +{line}:{column}' }, { cmd: 'my-ed', args: ['--open', f, '+11:14'] }],
    [{ id: 'custom' as const, command: "'/opt/My Editor/ed' -n" }, { cmd: '/opt/My Editor/ed', args: ['-n', f] }],
    [{ id: 'env' as const, command: 'nvim' }, { cmd: 'nvim', args: ['+11', f] }],
    [{ id: 'env' as const, command: 'nano' }, { cmd: 'nano', args: ['+11,14', f] }],
    [{ id: 'env' as const, command: 'emacsclient -n' }, { cmd: 'emacsclient', args: ['-n', '+11:14', f] }],
    [{ id: 'env' as const, command: 'code --wait' }, { cmd: 'code', args: ['--wait', '--goto', '/p/src/cart.js:11:14'] }],
    [{ id: 'env' as const, command: 'some-editor' }, { cmd: 'some-editor', args: [f] }],
  ])('%j', (choice, expected) => {
    expect(editorCommand(choice, f, 11, 14)).toEqual(expected);
  });

  it('clamps nonsense positions to 1', () => {
    expect(editorCommand({ id: 'zed' }, f, -4, Number.NaN)).toEqual({ cmd: 'zed', args: ['/p/src/cart.js:1:1'] });
  });
});

describe('detectEditor', () => {
  let bin: string;
  beforeAll(async () => {
    bin = path.join(await makeProject('lookout-bin-'), 'bin');
    await mkdir(bin);
    for (const program of ['zed', 'code', 'nvim', 'webstorm', 'subl']) {
      await writeFile(path.join(bin, program), '#!/bin/sh\n');
      await chmod(path.join(bin, program), 0o755);
    }
    // Present but not runnable: not an editor Lookout could start.
    await writeFile(path.join(bin, 'cursor'), '');
  });
  afterAll(() => rm(path.dirname(bin), { recursive: true, force: true }));

  it.each([
    [{ TERM_PROGRAM: 'vscode' }, { id: 'vscode' }],
    [{ TERMINAL_EMULATOR: 'JetBrains-JediTerm', VISUAL: 'webstorm' }, { id: 'jetbrains', command: 'webstorm' }],
    [{ ZED_TERM: 'true' }, { id: 'zed' }],
    [{ VISUAL: 'nvim', EDITOR: 'nano' }, { id: 'env', command: 'nvim' }],
    [{ EDITOR: 'code --wait' }, { id: 'vscode' }],
    [{ EDITOR: 'webstorm' }, { id: 'jetbrains', command: 'webstorm' }],
    // The terminal names an editor whose command is not installed: the next installed one wins.
    [{ TERM_PROGRAM: 'vscode', CURSOR_TRACE_ID: 'abc' }, { id: 'vscode' }],
  ])('%j with the fake bin on PATH', (env, expected) => {
    expect(detectEditor({ ...env, PATH: `/nonexistent${path.delimiter}${bin}` }, 'linux')).toEqual(expected);
  });

  it('keeps an absolute $EDITOR path that exists, and skips one that does not', () => {
    expect(detectEditor({ EDITOR: `${bin}/subl -w`, PATH: '' }, 'linux')).toEqual({ id: 'env', command: `${bin}/subl -w` });
    expect(detectEditor({ EDITOR: '/opt/nowhere/subl -w', PATH: bin }, 'linux')).toEqual({ id: 'vscode' });
  });

  it('finds none when no editor command exists, even inside VS Code\'s terminal or with $EDITOR set', () => {
    for (const env of [{ PATH: '/nonexistent' }, { TERM_PROGRAM: 'vscode', PATH: '' }, { EDITOR: 'code', PATH: '/nonexistent' }, {}]) {
      expect(detectEditor(env, 'linux')).toBeNull();
    }
  });

  it('finds an editor on PATH', () => {
    expect(detectEditor({ PATH: `/nonexistent${path.delimiter}${path.join(bin, 'none')}` }, 'linux')).toBeNull();
    expect(detectEditor({ PATH: `/nonexistent${path.delimiter}${bin}` }, 'linux')).toEqual({ id: 'vscode' });
  });

  it('finds VS Code inside its macOS app bundle and as code.cmd on Windows', () => {
    const macLauncher = '/Applications/Visual Studio Code.app/Contents/Resources/app/bin/code';
    expect(detectEditor({ PATH: '/usr/bin' }, 'darwin', (f) => f === macLauncher)).toEqual({ id: 'vscode' });
    expect(detectEditor({ PATH: '/usr/bin' }, 'linux', (f) => f === macLauncher)).toBeNull();
    const winLauncher = 'C:\\Users\\ada\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code.cmd';
    const winEnv = { Path: 'C:\\Windows;C:\\Users\\ada\\AppData\\Local\\Programs\\Microsoft VS Code\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD' };
    expect(detectEditor(winEnv, 'win32', (f) => f === winLauncher)).toEqual({ id: 'vscode' });
  });
});

describe('openInEditor', () => {
  let dir: string;
  let log: string;
  let template: string;
  beforeAll(async () => {
    dir = await makeProject('lookout-editor-');
    log = path.join(dir, 'editor-calls.log');
    const script = path.join(dir, 'fake-editor.cjs');
    await writeFile(script, `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
    template = `"${process.execPath}" "${script}" --goto {file}:{line}:{column} --line={line}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const calls = async (): Promise<string[][]> => {
    const text = await readFile(log, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  };

  it('runs a custom command with the file, line and column as single arguments (no shell)', async () => {
    const tricky = path.join(dir, 'src', 'a b $(touch pwned) ;.js');
    await writeFile(tricky, 'x\n');
    const res = await openInEditor({ id: 'custom', command: template }, tricky, 12, 7, { sourceRoots: [dir] });
    expect(res).toEqual({ ok: true });
    await vi.waitFor(async () => expect((await calls()).length).toBe(1), { timeout: 10_000, interval: 20 });
    expect((await calls())[0]).toEqual(['--goto', `${tricky}:12:7`, '--line=12']);
    await expect(readFile(path.join(dir, 'pwned'))).rejects.toThrow();
  });

  it('refuses files outside the roots, symlinks out of them, and missing files', async () => {
    await symlink('/etc/hostname', path.join(dir, 'src/host.js')).catch(() => undefined);
    for (const file of ['/etc/passwd', path.join(dir, '../outside.js'), path.join(dir, 'src/host.js'), path.join(dir, 'src/missing.js')]) {
      const res = await openInEditor({ id: 'custom', command: template }, file, 1, 1, { sourceRoots: [dir] });
      expect(res.ok).toBe(false);
    }
    expect((await calls()).length).toBe(1);
  });

  it('opens an exact frame path outside the roots when the frame named it', async () => {
    const file = path.join(dir, 'src/cart.js');
    expect(await openInEditor({ id: 'custom', command: template }, file, 3, 1, { sourceRoots: [] })).toMatchObject({ ok: false });
    expect(await openInEditor({ id: 'custom', command: template }, file, 3, 1, { sourceRoots: [], frameFiles: [file] })).toEqual({ ok: true });
    await vi.waitFor(async () => expect((await calls()).length).toBe(2), { timeout: 10_000, interval: 20 });
  });

  it('names a missing editor command and where to choose another, instead of "spawn code ENOENT"', async () => {
    vi.stubEnv('PATH', path.join(dir, 'no-bin'));
    try {
      const res = await openInEditor({ id: 'vscode' }, path.join(dir, 'src/cart.js'), 1, 1, { sourceRoots: [dir] });
      expect(res).toEqual({ ok: false, error: 'cannot start code: it was not found on PATH. Choose an installed editor in Settings → Editor.' });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reports an editor that cannot be started', async () => {
    const res = await openInEditor({ id: 'custom', command: path.join(dir, 'no-such-editor') }, path.join(dir, 'src/cart.js'), 1, 1, { sourceRoots: [dir] });
    expect(res).toEqual({ ok: false, error: expect.stringMatching(/^cannot start .*no-such-editor: it was not found/) });
  });
});
