import { useEffect } from 'react';
import type { EditorStatus } from '../../../../shared/api-types';
import type { SentryFrame } from '../../../../shared/sentry';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { openablePath } from '../../lib/stacktrace';
import { useStore } from '../../store';
import { localPathOf } from './frame-event';

/** Said after any failure to start the editor: where the user fixes it. */
const WHERE_TO_SET = 'Set your editor in Settings → Editor.';

let settingsRequested = false;

/**
 * Whether frames can be opened in the editor, from the server's settings (loaded once if no view
 * has yet). Unknown (settings not loaded) counts as available: the server then says why not.
 */
export function useEditorStatus(): EditorStatus | null {
  const status = useStore((s) => s.settings?.editorStatus ?? null);
  const loaded = useStore((s) => s.settings !== null);
  const load = useStore((s) => s.loadSettings);
  useEffect(() => {
    if (loaded || settingsRequested) return;
    settingsRequested = true;
    void load().finally(() => { settingsRequested = false; });
  }, [loaded, load]);
  return status;
}

/** The tooltip of a frame's file button. */
export function openTitle(hasPath: boolean, status: EditorStatus | null): string {
  if (!hasPath) return 'No local path';
  if (status && !status.available) return `Cannot open in an editor: ${status.reason ?? 'no editor is installed'}`;
  return status?.program ? `Open in editor (${status.program})` : 'Open in editor';
}

/**
 * Asks the server to open the frame's file at its line; shows a toast when it cannot. `eventId`
 * lets the server open the exact paths that event's frames name, outside the source roots.
 * With no editor installed (`status`), it says so instead of trying.
 */
export async function openFrame(frame: SentryFrame, eventId: string | null = null, status: EditorStatus | null = null): Promise<void> {
  const file = localPathOf(frame) ?? openablePath(frame);
  const { toast } = useStore.getState();
  if (!file) {
    toast('error', 'This frame has no file path to open.');
    return;
  }
  if (status && !status.available) {
    toast('error', `Cannot open ${file}: ${status.reason ?? `no editor is installed. ${WHERE_TO_SET}`}`);
    return;
  }
  try {
    await api().openInEditor({
      file,
      line: typeof frame.lineno === 'number' ? frame.lineno : 1,
      col: typeof frame.colno === 'number' ? frame.colno : 1,
      ...(eventId ? { eventId } : {}),
    });
    toast('info', `Opening ${file}`);
  } catch (err) {
    const reason = messageOf(err);
    // The server names the command and where to set it; older servers said only "spawn code ENOENT".
    toast('error', `Could not open ${file}: ${reason}${reason.includes('Settings') ? '' : `. ${WHERE_TO_SET}`}`);
  }
}
