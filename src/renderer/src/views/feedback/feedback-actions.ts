import { useCallback } from 'react';
import type { FeedbackChange, FeedbackListItem, FeedbackStatus } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

/**
 * Sentry's feedback mailboxes, in its order: the Inbox holds what is `unresolved`, Spam what is
 * `ignored` (Sentry reuses the issues' ignored status for spam).
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/mailboxPicker.tsx
 */
export const MAILBOXES: readonly { status: FeedbackStatus; label: string }[] = [
  { status: 'unresolved', label: 'Inbox' }, { status: 'resolved', label: 'Resolved' }, { status: 'ignored', label: 'Spam' },
];

export interface StatusAction { label: string; testId: string; status: FeedbackStatus }

/**
 * The two status buttons for feedback in a mailbox, as Sentry's bulk bar and feedback item offer
 * them: Resolve (Unresolve when resolved) and Mark as Spam (Move to Inbox when it is spam).
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListBulkSelection.tsx
 */
export function statusActions(status: FeedbackStatus): [StatusAction, StatusAction] {
  return [
    status === 'resolved' ? { label: 'Unresolve', testId: 'feedback-unresolve', status: 'unresolved' }
      : { label: 'Resolve', testId: 'feedback-resolve', status: 'resolved' },
    status === 'ignored' ? { label: 'Move to Inbox', testId: 'feedback-inbox', status: 'unresolved' }
      : { label: 'Mark as Spam', testId: 'feedback-spam', status: 'ignored' },
  ];
}

/** Changes feedbacks on the server, hands the rows as they are now to `onChanged`, and says so when it fails. */
export function useFeedbackChange(onChanged: (items: FeedbackListItem[]) => void) {
  const toast = useStore((s) => s.toast);
  return useCallback((ids: readonly number[], change: FeedbackChange): Promise<boolean> => {
    if (ids.length === 0) return Promise.resolve(false);
    return api().changeFeedback(ids, change).then((items) => { onChanged(items); return true; })
      .catch((err: unknown) => { toast('error', `Could not change the feedback: ${messageOf(err)}`); return false; });
  }, [onChanged, toast]);
}
