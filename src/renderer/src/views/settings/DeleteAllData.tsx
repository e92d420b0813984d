import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { countOf } from '../../lib/format';
import { useConfirmedAction } from './use-confirmed-action';

/** Settings → Data: start over with an empty store (Spotlight's "clear"), after a confirmation. */
export function DeleteAllData() {
  const del = useConfirmedAction(async () => {
    const d = await api().deleteAllData();
    return `Deleted ${countOf(d.events, 'event')} in ${countOf(d.issues, 'issue')}, and everything else received (${countOf(d.envelopes, 'request')})`;
  }, 'Could not delete');
  return (
    <section className="card">
      <h2>Data</h2>
      <p className="field-hint">Everything Lookout received stays on this machine, in the data directory above, until retention or you delete it.</p>
      <button type="button" className="btn btn-danger" onClick={del.show} data-testid="delete-all-data">Delete all data…</button>
      <ConfirmDialog open={del.open} title="Delete all data?" confirmLabel="Delete all data" busy={del.busy} busyLabel="Deleting…"
        onConfirm={del.confirm} onCancel={del.cancel} testId="delete-all-dialog">
        <p>Every issue, event, trace, log, replay and attachment, and every request as it was sent, is deleted from this machine.
          Projects and settings stay. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
