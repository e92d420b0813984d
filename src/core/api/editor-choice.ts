import type { EditorStatus } from '../../shared/api-settings';
import { detectEditor, editorAvailability, type EditorChoice } from '../symbolicate';

/** Editor ids the settings may hold beyond the engine's own (older renderer choices). */
const LEGACY: Record<string, EditorChoice> = {
  webstorm: { id: 'jetbrains', command: 'webstorm' },
  idea: { id: 'jetbrains', command: 'idea' },
  vim: { id: 'env', command: 'vim' },
  windsurf: { id: 'custom', command: 'windsurf --goto {file}:{line}:{column}' },
};

/**
 * The editor to start for the stored `editor` setting: `auto` (or anything unknown) detects one
 * among the installed editors (null when none is); a custom template may say `{col}` as well as `{column}`.
 * @see https://code.visualstudio.com/docs/editor/command-line
 */
export function editorChoiceFrom(setting: unknown, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform,
  isExecutable?: (file: string) => boolean): EditorChoice | null {
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
      return LEGACY[id] ?? detectEditor(env, platform, isExecutable);
  }
}

/** What "auto" finds when none of the known editors is installed. */
export const NO_EDITOR_FOUND = 'No editor found: none of code, cursor, zed, subl or idea is on PATH, and $VISUAL/$EDITOR name none. Choose one in Settings → Editor.';

/**
 * What the settings page and the frames' "open" buttons need to know: the editor `auto` picks
 * (null: none installed) and whether the configured editor can start, with the reason if not.
 */
export function editorFacts(setting: unknown, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform,
  isExecutable?: (file: string) => boolean): { detectedEditor: EditorChoice | null; editorStatus: EditorStatus } {
  const detectedEditor = detectEditor(env, platform, isExecutable);
  const choice = editorChoiceFrom(setting, env, platform, isExecutable);
  if (!choice) return { detectedEditor, editorStatus: { available: false, program: null, reason: NO_EDITOR_FOUND } };
  const found = editorAvailability(choice, { platform, env, ...(isExecutable ? { isExecutable } : {}) });
  return {
    detectedEditor,
    editorStatus: found.ok ? { available: true, program: found.program }
      : { available: false, program: found.program || null, reason: `${found.reason}. Choose an installed editor in Settings → Editor.` },
  };
}
