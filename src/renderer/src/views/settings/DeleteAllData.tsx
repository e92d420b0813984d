import { useState } from 'react';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { useStore } from '../../store';

/** Settings → Data: start over with an empty store (Spotlight's "clear"), after a confirmation. */
export function DeleteAllData() {
  const toast = useStore((s) => s.toast);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      const d = await api().deleteAllData();
      toast('success', `Deleted ${countOf(d.events, 'event')} in ${countOf(d.issues, 'issue')}, and everything else received (${countOf(d.envelopes, 'request')})`);
      setOpen(false);
    } catch (err) {
      toast('error', `Could not delete: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>Data</h2>
      <p className="field-hint">Everything Lookout received stays on this machine, in the data directory above, until retention or you delete it.</p>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} data-testid="delete-all-data">Delete all data…</button>
      <ConfirmDialog open={open} title="Delete all data?" confirmLabel="Delete all data" busy={busy} busyLabel="Deleting…"
        onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }} testId="delete-all-dialog">
        <p>Every issue, event, trace, log, replay and attachment, and every request as it was sent, is deleted from this machine.
          Projects and settings stay. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
