import { describe, expect, it } from 'vitest';
import { editorCommand } from '../symbolicate';
import { editorChoiceFrom } from './editor-choice';

describe('editorChoiceFrom', () => {
  it('passes the engine editors through and fills the custom template, {col} included', () => {
    expect(editorChoiceFrom({ id: 'zed' })).toEqual({ id: 'zed' });
    expect(editorChoiceFrom({ id: 'jetbrains', command: ' webstorm ' })).toEqual({ id: 'jetbrains', command: 'webstorm' });
    const custom = editorChoiceFrom({ id: 'custom', command: 'my-ed --at {file}:{line}:{col}' });
    expect(editorCommand(custom, '/src/app.ts', 12, 5)).toEqual({ cmd: 'my-ed', args: ['--at', '/src/app.ts:12:5'] });
  });

  it('maps ids older settings may hold onto engine editors', () => {
    expect(editorCommand(editorChoiceFrom({ id: 'webstorm' }), '/a.ts', 3, 2)).toEqual({ cmd: 'webstorm', args: ['--line', '3', '--column', '2', '/a.ts'] });
    expect(editorCommand(editorChoiceFrom({ id: 'vim' }), '/a.ts', 3, 2)).toEqual({ cmd: 'vim', args: ['+3', '/a.ts'] });
    expect(editorCommand(editorChoiceFrom({ id: 'windsurf' }), '/a.ts', 3, 2)).toEqual({ cmd: 'windsurf', args: ['--goto', '/a.ts:3:2'] });
  });

  it('detects for auto, unknown or damaged values', () => {
    const env = { TERM_PROGRAM: 'vscode', PATH: '' };
    for (const setting of [{ id: 'auto' }, { id: 'emacs-9000' }, null, 'vscode', { id: 7 }]) {
      expect(editorChoiceFrom(setting, env)).toEqual({ id: 'vscode' });
    }
    expect(editorChoiceFrom({ id: 'auto' }, { VISUAL: 'nvim -p', PATH: '' })).toEqual({ id: 'env', command: 'nvim -p' });
  });
});
