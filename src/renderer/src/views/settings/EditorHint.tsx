import type { Settings } from '../../../../shared/api-types';

/**
 * Under the editor menu: what "Detect automatically" opens now (or that no editor is installed),
 * and, for the saved choice, why it cannot start. The server checks the commands exist
 * (src/core/symbolicate/find-program.ts), so this never names an editor that is not there.
 */
export function EditorHint({ draft, saved, names }: { draft: Settings; saved: Settings | null; names: ReadonlyMap<string, string> }) {
  const detected = draft.detectedEditor;
  const status = saved?.editorStatus;
  // The status is about the saved choice: it says nothing about an edit not saved yet.
  const showStatus = !!status && !status.available && saved?.editor.id === draft.editor.id
    && (saved.editor.command ?? '') === (draft.editor.command ?? '');
  return (
    <>
      {draft.editor.id === 'auto' && detected !== undefined && (
        <span className="field-hint" data-testid="setting-editor-detected">
          {detected
            ? <>Now: {names.get(detected.id) ?? detected.id}{detected.command ? ` (${detected.command})` : ''}</>
            : <>Now: none found. No editor command (code, cursor, zed, subl, idea) is on PATH and $VISUAL/$EDITOR are unset: frames cannot be opened until you install one or choose a custom command.</>}
        </span>
      )}
      {showStatus && draft.editor.id !== 'auto' && (
        <span className="field-hint field-warning" role="status" data-testid="setting-editor-status">{status.reason}</span>
      )}
    </>
  );
}
