import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useStore } from '../../store';

interface Props {
  ids: readonly number[];
  /** Names the one issue being deleted (the issue page), else the count is said. */
  title?: string;
  small?: boolean;
  onDeleted?: () => void;
}

/**
 * "Delete", after a confirmation: the issues go with their events, attachments and the envelopes
 * that carried them. The next event like them opens a new issue (as in Sentry).
 */
export function DeleteIssuesButton({ ids, title, small = false, onDeleted }: Props) {
  const deleteIssues = useStore((s) => s.deleteIssues);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const what = ids.length === 1 ? 'this issue' : `${ids.length.toLocaleString()} issues`;
  const confirm = async (): Promise<void> => {
    setBusy(true);
    const done = await deleteIssues(ids);
    setBusy(false);
    setOpen(false);
    if (done) onDeleted?.();
  };
  return (
    <>
      <button type="button" className={`btn btn-danger${small ? ' btn-small' : ''}`} disabled={ids.length === 0}
        onClick={() => setOpen(true)} data-testid="delete-issues">Delete…</button>
      <ConfirmDialog open={open} title={`Delete ${what}?`} confirmLabel={`Delete ${what}`} busy={busy} busyLabel="Deleting…"
        onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }} testId="delete-dialog">
        {title ? <p className="confirm-subject">{title}</p> : null}
        <p>{ids.length === 1 ? 'Its' : 'Their'} events, with their attachments and the requests that carried them, are deleted from this
          machine. This cannot be undone. The next event like {ids.length === 1 ? 'it' : 'them'} opens a new issue.</p>
      </ConfirmDialog>
    </>
  );
}
