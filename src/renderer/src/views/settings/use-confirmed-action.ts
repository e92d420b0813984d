import { useState } from 'react';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

/**
 * A destructive action behind a confirm dialog: `open` shows the dialog, `confirm` runs `action`
 * (busy meanwhile), toasts the text it returns and closes, or toasts `failure: why` and stays open.
 */
export function useConfirmedAction(action: () => Promise<string>, failure: string): {
  open: boolean; busy: boolean; show(): void; cancel(): void; confirm(): void;
} {
  const toast = useStore((s) => s.toast);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      toast('success', await action());
      setOpen(false);
    } catch (err) {
      toast('error', `${failure}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return { open, busy, show: () => setOpen(true), cancel: () => { if (!busy) setOpen(false); }, confirm: () => void run() };
}
