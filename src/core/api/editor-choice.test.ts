import { describe, expect, it } from 'vitest';
import { editorCommand } from '../symbolicate';
import { editorChoiceFrom, editorFacts, NO_EDITOR_FOUND } from './editor-choice';

describe('editorChoiceFrom', () => {
  it('passes the engine editors through and fills the custom template, {col} included', () => {
    expect(editorChoiceFrom({ id: 'zed' })).toEqual({ id: 'zed' });
    expect(editorChoiceFrom({ id: 'jetbrains', command: ' webstorm ' })).toEqual({ id: 'jetbrains', command: 'webstorm' });
    const custom = editorChoiceFrom({ id: 'custom', command: 'my-ed --at {file}:{line}:{col}' });
    expect(editorCommand(custom!, '/src/app.ts', 12, 5)).toEqual({ cmd: 'my-ed', args: ['--at', '/src/app.ts:12:5'] });
  });

  it('maps ids older settings may hold onto engine editors', () => {
    expect(editorCommand(editorChoiceFrom({ id: 'webstorm' })!, '/a.ts', 3, 2)).toEqual({ cmd: 'webstorm', args: ['--line', '3', '--column', '2', '/a.ts'] });
    expect(editorCommand(editorChoiceFrom({ id: 'vim' })!, '/a.ts', 3, 2)).toEqual({ cmd: 'vim', args: ['+3', '/a.ts'] });
    expect(editorCommand(editorChoiceFrom({ id: 'windsurf' })!, '/a.ts', 3, 2)).toEqual({ cmd: 'windsurf', args: ['--goto', '/a.ts:3:2'] });
  });

  it('detects for auto, unknown or damaged values, among installed editors only', () => {
    const env = { TERM_PROGRAM: 'vscode', PATH: '/usr/bin' };
    const installed = (f: string) => f === '/usr/bin/code' || f === '/usr/bin/nvim';
    for (const setting of [{ id: 'auto' }, { id: 'emacs-9000' }, null, 'vscode', { id: 7 }]) {
      expect(editorChoiceFrom(setting, env, 'linux', installed)).toEqual({ id: 'vscode' });
      expect(editorChoiceFrom(setting, env, 'linux', () => false)).toBeNull();
    }
    expect(editorChoiceFrom({ id: 'auto' }, { VISUAL: 'nvim -p', PATH: '/usr/bin' }, 'linux', installed)).toEqual({ id: 'env', command: 'nvim -p' });
  });
});

describe('editorFacts', () => {
  it('says "none found" for auto without an installed editor, and why a chosen one cannot start', () => {
    expect(editorFacts({ id: 'auto' }, { PATH: '/usr/bin' }, 'linux', () => false)).toEqual({
      detectedEditor: null, editorStatus: { available: false, program: null, reason: NO_EDITOR_FOUND },
    });
    expect(editorFacts({ id: 'zed' }, { PATH: '/usr/bin' }, 'linux', () => false).editorStatus).toEqual({
      available: false, program: 'zed', reason: 'zed was not found on PATH. Choose an installed editor in Settings → Editor.',
    });
    expect(editorFacts({ id: 'auto' }, { PATH: '/usr/bin' }, 'linux', (f) => f === '/usr/bin/subl')).toEqual({
      detectedEditor: { id: 'sublime' }, editorStatus: { available: true, program: 'subl' },
    });
  });
});
