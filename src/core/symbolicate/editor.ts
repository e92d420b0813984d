import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkAllowed, type ReadScope } from './safe-read';

export type EditorId = 'vscode' | 'cursor' | 'jetbrains' | 'sublime' | 'zed' | 'custom' | 'env';

/**
 * How to open files. `command` is the template for `custom` (with `{file}` `{line}` `{column}`),
 * the editor command line for `env` (as in $VISUAL), or the launcher for `jetbrains`
 * (`idea`, `webstorm`, ...).
 */
export interface EditorChoice {
  id: EditorId;
  command?: string;
}

const MAX_COMMAND_LENGTH = 4096;

/** Splits a command line into words with shell-like quoting, without ever running a shell. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const text = command.slice(0, MAX_COMMAND_LENGTH);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] ?? '';
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The editor id a program name stands for, when Lookout knows its command-line syntax. */
function knownEditor(program: string): EditorId | null {
  const name = path.basename(program).toLowerCase().replace(/\.(exe|cmd|bat|sh)$/, '');
  if (name === 'code' || name === 'code-insiders' || name === 'codium') return 'vscode';
  if (name === 'cursor') return 'cursor';
  if (name === 'subl' || name === 'sublime_text') return 'sublime';
  if (name === 'zed' || name === 'zeditor') return 'zed';
  if (/^(idea|webstorm|phpstorm|pycharm|goland|rubymine|clion|rider|rustrover)(64)?$/.test(name)) return 'jetbrains';
  return null;
}

/** Arguments for terminal editors named in $VISUAL/$EDITOR; unknown ones just get the file. */
function envEditorArgs(program: string, file: string, line: number, col: number): string[] {
  const name = path.basename(program).toLowerCase();
  if (['vi', 'vim', 'nvim', 'gvim', 'mvim', 'kak', 'micro'].includes(name)) return [`+${line}`, file];
  if (name === 'nano' || name === 'pico') return [`+${line},${col}`, file];
  if (name === 'emacs' || name === 'emacsclient') return [`+${line}:${col}`, file];
  if (name === 'hx' || name === 'helix') return [`${file}:${line}:${col}`];
  return [file];
}

/**
 * The program and arguments that open FILE at LINE:COL in the chosen editor.
 * @see https://code.visualstudio.com/docs/editor/command-line
 */
export function editorCommand(choice: EditorChoice, file: string, line: number, col: number): { cmd: string; args: string[] } {
  const l = Number.isInteger(line) && line > 0 ? line : 1;
  const c = Number.isInteger(col) && col > 0 ? col : 1;
  const at = `${file}:${l}:${c}`;
  switch (choice.id) {
    case 'vscode':
      return { cmd: 'code', args: ['--goto', at] };
    case 'cursor':
      return { cmd: 'cursor', args: ['--goto', at] };
    case 'jetbrains':
      return { cmd: choice.command?.trim() || 'idea', args: ['--line', String(l), '--column', String(c), file] };
    case 'sublime':
      return { cmd: 'subl', args: [at] };
    case 'zed':
      return { cmd: 'zed', args: [at] };
    case 'custom': {
      const words = splitCommand(choice.command ?? '');
      const fill = (w: string): string => w.replace(/\{(file|line|column)\}/g, (_m, k: string) => (k === 'file' ? file : k === 'line' ? String(l) : String(c)));
      const [cmd = '', ...rest] = words.map(fill);
      const args = words.some((w) => w.includes('{file}')) ? rest : [...rest, file];
      return { cmd, args };
    }
    case 'env': {
      const [cmd = 'vi', ...pre] = splitCommand(choice.command ?? process.env.VISUAL ?? process.env.EDITOR ?? 'vi');
      const known = knownEditor(cmd);
      if (known && known !== 'jetbrains') return { cmd, args: [...pre, ...editorCommand({ id: known }, file, l, c).args] };
      if (known === 'jetbrains') return editorCommand({ id: 'jetbrains', command: cmd }, file, l, c);
      return { cmd, args: [...pre, ...envEditorArgs(cmd, file, l, c)] };
    }
  }
}

function onPath(env: NodeJS.ProcessEnv, program: string): boolean {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)).slice(0, 64);
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  return dirs.some((d) => exts.some((e) => existsSync(path.join(d, program + e))));
}

/**
 * A sensible default: the editor whose terminal Lookout runs in, then $VISUAL/$EDITOR, then the
 * first known editor on PATH, else VS Code.
 */
export function detectEditor(env: NodeJS.ProcessEnv): EditorChoice {
  if (env.TERM_PROGRAM === 'vscode') return env.CURSOR_TRACE_ID || /todesktop/i.test(env.__CFBundleIdentifier ?? '') ? { id: 'cursor' } : { id: 'vscode' };
  if ((env.TERMINAL_EMULATOR ?? '').includes('JetBrains')) return { id: 'jetbrains' };
  if (env.ZED_TERM) return { id: 'zed' };
  const fromEnv = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim();
  if (fromEnv) {
    const program = splitCommand(fromEnv)[0] ?? '';
    const known = knownEditor(program);
    if (known === 'jetbrains') return { id: 'jetbrains', command: program };
    return known ? { id: known } : { id: 'env', command: fromEnv };
  }
  const onPathEditors: [string, EditorId][] = [['code', 'vscode'], ['cursor', 'cursor'], ['zed', 'zed'], ['subl', 'sublime'], ['idea', 'jetbrains']];
  for (const [program, id] of onPathEditors) if (onPath(env, program)) return { id };
  return { id: 'vscode' };
}

/**
 * Opens FILE:LINE:COL in the editor, detached and without a shell. Refuses files outside the
 * source roots unless they are exact frame paths (`opts.frameFiles`).
 */
export async function openFileInEditor(choice: EditorChoice, file: string, line: number, col: number, scope: ReadScope): Promise<{ ok: true } | { ok: false; error: string }> {
  const allowed = await checkAllowed(file, scope);
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const { cmd, args } = editorCommand(choice, allowed.path, line, col);
  if (!cmd) return { ok: false, error: 'no editor command configured' };
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
    } catch (err) {
      resolve({ ok: false, error: `cannot start ${cmd}: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    child.once('error', (err) => resolve({ ok: false, error: `cannot start ${cmd}: ${err.message}` }));
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true });
    });
  });
}
