import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The destructive action's name, e.g. "Delete 3 issues". */
  confirmLabel: string;
  busy?: boolean;
  /** What the confirm button says while the action runs, e.g. "Deleting…". */
  busyLabel: string;
  onConfirm: () => void;
  /** Cancel, Esc or the dialog closing any other way. */
  onCancel: () => void;
  testId?: string;
}

/**
 * Asks before something that cannot be undone, in a modal dialog. Cancel comes first and so has
 * the focus: Enter or Esc straight away does nothing harmful.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, busy = false, busyLabel, onConfirm, onCancel, testId }: Props) {
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={testId ? `${testId}-title` : undefined} onClose={onCancel} data-testid={testId}>
      <h2 id={testId ? `${testId}-title` : undefined}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="confirm-buttons">
        {/* First in the dialog, so showModal() gives it the focus. */}
        <button type="button" className="btn" onClick={onCancel} disabled={busy} data-testid={testId ? `${testId}-cancel` : undefined}>Cancel</button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy} data-testid={testId ? `${testId}-confirm` : undefined}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
