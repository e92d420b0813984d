import type { SentryFrame } from '../../../../shared/sentry';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { openablePath } from '../../lib/stacktrace';
import { useStore } from '../../store';
import { localPathOf } from './frame-event';

/**
 * Asks the server to open the frame's file at its line; shows a toast when it cannot. `eventId`
 * lets the server open the exact paths that event's frames name, outside the source roots.
 */
export async function openFrame(frame: SentryFrame, eventId: string | null = null): Promise<void> {
  const file = localPathOf(frame) ?? openablePath(frame);
  const { toast } = useStore.getState();
  if (!file) {
    toast('error', 'This frame has no file path to open.');
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
    toast('error', `Could not open ${file}: ${messageOf(err)}`);
  }
}
