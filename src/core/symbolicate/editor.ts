import { spawn } from 'node:child_process';
import path from 'node:path';
import { findProgram, spawnPlan, type ProgramHost } from './find-program';
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

/** The program a choice starts (the first word of its command line), before any PATH lookup. */
export function editorProgram(choice: EditorChoice): string {
  return editorCommand(choice, 'file', 1, 1).cmd;
}

/** Whether the chosen editor's program is installed: its resolved path, or why it cannot start. */
export type EditorAvailability = { ok: true; program: string; path: string } | { ok: false; program: string; reason: string };

/** Checks that CHOICE's program exists (PATH, Windows `.cmd`, macOS app bundles) without starting it. */
export function editorAvailability(choice: EditorChoice, host: ProgramHost = { platform: process.platform, env: process.env }): EditorAvailability {
  const program = editorProgram(choice);
  if (!program) return { ok: false, program, reason: 'no editor command is set' };
  const found = findProgram(program, host);
  return found ? { ok: true, program, path: found } : { ok: false, program, reason: `${program} was not found on PATH` };
}

/**
 * A sensible default among the editors that are installed: the editor whose terminal Lookout runs
 * in, then $VISUAL/$EDITOR, then the first known editor on PATH (or, on macOS, in /Applications).
 * Null when none is installed: guessing VS Code then only failed with "spawn code ENOENT" on click.
 */
export function detectEditor(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform,
  isExecutable?: (file: string) => boolean): EditorChoice | null {
  const host: ProgramHost = { platform, env, ...(isExecutable ? { isExecutable } : {}) };
  const candidates: EditorChoice[] = [];
  if (env.TERM_PROGRAM === 'vscode') candidates.push(env.CURSOR_TRACE_ID || /todesktop/i.test(env.__CFBundleIdentifier ?? '') ? { id: 'cursor' } : { id: 'vscode' });
  if ((env.TERMINAL_EMULATOR ?? '').includes('JetBrains')) candidates.push({ id: 'jetbrains' });
  if (env.ZED_TERM) candidates.push({ id: 'zed' });
  const fromEnv = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim();
  if (fromEnv) {
    const program = splitCommand(fromEnv)[0] ?? '';
    const known = knownEditor(program);
    candidates.push(known === 'jetbrains' ? { id: 'jetbrains', command: program } : known && program === knownProgram(known) ? { id: known } : { id: 'env', command: fromEnv });
  }
  candidates.push({ id: 'vscode' }, { id: 'cursor' }, { id: 'zed' }, { id: 'sublime' }, { id: 'jetbrains' });
  return candidates.find((c) => editorAvailability(c, host).ok) ?? null;
}

/** The program Lookout starts for a known editor id. */
function knownProgram(id: EditorId): string {
  return editorProgram({ id });
}

/**
 * Opens FILE:LINE:COL in the editor, detached and without a shell. Refuses files outside the
 * source roots unless they are exact frame paths (`opts.frameFiles`).
 */
export async function openFileInEditor(choice: EditorChoice, file: string, line: number, col: number, scope: ReadScope): Promise<{ ok: true } | { ok: false; error: string }> {
  const allowed = await checkAllowed(file, scope);
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const { cmd, args } = editorCommand(choice, allowed.path, line, col);
  if (!cmd) return { ok: false, error: 'cannot start the editor: no command is set. Choose one in Settings → Editor.' };
  const resolved = findProgram(cmd, { platform: process.platform, env: process.env });
  if (!resolved) return { ok: false, error: `cannot start ${cmd}: it was not found on PATH. Choose an installed editor in Settings → Editor.` };
  const plan = spawnPlan(resolved, args, process.platform);
  if ('error' in plan) return { ok: false, error: `cannot start ${cmd}: ${plan.error}` };
  return new Promise((resolve) => {
    const failed = (err: unknown): void =>
      resolve({ ok: false, error: `cannot start ${cmd}: ${err instanceof Error ? err.message : String(err)}. Check the editor in Settings → Editor.` });
    let child;
    try {
      child = spawn(plan.cmd, plan.args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true, windowsVerbatimArguments: plan.verbatim });
    } catch (err) {
      failed(err);
      return;
    }
    child.once('error', failed);
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true });
    });
  });
}
