import type { SentryFrame } from '../../../../shared/sentry';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { openablePath } from '../../lib/stacktrace';
import { useStore } from '../../store';

/** Asks the server to open the frame's file at its line; shows a toast when it cannot. */
export async function openFrame(frame: SentryFrame): Promise<void> {
  const file = openablePath(frame);
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
    });
    toast('info', `Opening ${file}`);
  } catch (err) {
    toast('error', `Could not open ${file}: ${messageOf(err)}`);
  }
}
