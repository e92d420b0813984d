import { detectEditor, type EditorChoice } from '../symbolicate';

/** Editor ids the settings may hold beyond the engine's own (older renderer choices). */
const LEGACY: Record<string, EditorChoice> = {
  webstorm: { id: 'jetbrains', command: 'webstorm' },
  idea: { id: 'jetbrains', command: 'idea' },
  vim: { id: 'env', command: 'vim' },
  windsurf: { id: 'custom', command: 'windsurf --goto {file}:{line}:{column}' },
};

/**
 * The editor to start for the stored `editor` setting: `auto` (or anything unknown) detects one
 * from the environment; a custom template may say `{col}` as well as `{column}`.
 * @see https://code.visualstudio.com/docs/editor/command-line
 */
export function editorChoiceFrom(setting: unknown, env: NodeJS.ProcessEnv = process.env): EditorChoice {
  const rec = typeof setting === 'object' && setting !== null ? (setting as Record<string, unknown>) : {};
  const id = typeof rec.id === 'string' ? rec.id : 'auto';
  const command = typeof rec.command === 'string' ? rec.command.trim() : '';
  switch (id) {
    case 'vscode': case 'cursor': case 'sublime': case 'zed':
      return { id };
    case 'jetbrains':
      return command ? { id, command } : { id };
    case 'env':
      return command ? { id, command } : { id };
    case 'custom':
      return { id, command: command.replace(/\{col\}/g, '{column}') };
    default:
      return LEGACY[id] ?? detectEditor(env);
  }
}
