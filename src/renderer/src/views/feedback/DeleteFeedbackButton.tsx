import { useState } from 'react';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

interface Props {
  ids: readonly number[];
  /** Names the one feedback being deleted (its pane), else the count is said. */
  subject?: string;
  onDeleted: (ids: number[]) => void;
  testId: string;
}

/**
 * Sentry's "Delete" of feedback, after a confirmation as the issue list's: the feedback goes with
 * its feedback event, its screenshots and the request that carried only them. Cannot be undone.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListBulkSelection.tsx
 */
export function DeleteFeedbackButton({ ids, subject, onDeleted, testId }: Props) {
  const toast = useStore((s) => s.toast);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const what = ids.length === 1 ? 'this feedback' : `${ids.length.toLocaleString()} feedbacks`;
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      onDeleted(await api().deleteFeedback(ids));
    } catch (err) {
      toast('error', `Could not delete the feedback: ${messageOf(err)}`);
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small btn-danger" disabled={ids.length === 0} onClick={() => setOpen(true)} data-testid={testId}>
        Delete…
      </button>
      <ConfirmDialog open={open} title={`Delete ${what}?`} confirmLabel={`Delete ${what}`} busy={busy} busyLabel="Deleting…"
        onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }} testId="delete-feedback-dialog">
        {subject ? <p className="confirm-subject">{subject}</p> : null}
        <p>{ids.length === 1 ? 'It goes' : 'They go'} with the feedback event, its screenshots and the request that carried only
          {ids.length === 1 ? ' it' : ' them'}, from this machine. This cannot be undone. The error {ids.length === 1 ? 'it is' : 'they are'} about stays.</p>
      </ConfirmDialog>
    </>
  );
}
