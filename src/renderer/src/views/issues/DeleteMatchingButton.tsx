import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useStore } from '../../store';

/**
 * "Delete" of every issue the search matches, after a confirmation that names their number: the
 * server deletes them only if no more than that many match when it runs (more came in: it refuses and
 * says so). `onBusy` tells the bar what runs, for the banner.
 */
export function DeleteMatchingButton({ count, onBusy }: { count: number; onBusy: (what: string | null) => void }) {
  const deleteMatching = useStore((s) => s.deleteMatching);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const what = `${count.toLocaleString()} issue${count === 1 ? '' : 's'}`;
  const confirm = async (): Promise<void> => {
    setBusy(true);
    onBusy(`Deleting ${what}…`);
    await deleteMatching(count);
    onBusy(null);
    setBusy(false);
    setOpen(false);
  };
  return (
    <>
      <button type="button" className="btn btn-danger btn-small" onClick={() => setOpen(true)} data-testid="delete-issues">Delete…</button>
      <ConfirmDialog open={open} title={`Delete ${what}?`} confirmLabel={`Delete ${what}`} busy={busy} busyLabel="Deleting…"
        onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }} testId="delete-dialog">
        <p>Every issue that matches this search, {what}, goes with its events, their attachments and the requests that carried them.
          This cannot be undone. The next event like them opens a new issue.</p>
      </ConfirmDialog>
    </>
  );
}
