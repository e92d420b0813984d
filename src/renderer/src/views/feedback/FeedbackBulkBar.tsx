import type { FeedbackChange, FeedbackListItem, FeedbackStatus } from '../../../../shared/api-feedback';
import { DeleteFeedbackButton } from './DeleteFeedbackButton';
import { statusActions } from './feedback-actions';

interface Props {
  mailbox: FeedbackStatus;
  items: readonly FeedbackListItem[];
  selected: ReadonlySet<number>;
  onSelectAll: (all: boolean) => void;
  onChange: (ids: readonly number[], change: FeedbackChange) => void;
  onDeleted: (ids: number[]) => void;
}

/**
 * The select-all box and, once some are checked, Sentry's bulk actions for the mailbox shown:
 * Resolve / Unresolve, Mark as Spam / Move to Inbox, Mark read and Mark unread, and Delete.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListBulkSelection.tsx
 */
export function FeedbackBulkBar({ mailbox, items, selected, onSelectAll, onChange, onDeleted }: Props) {
  const all = items.length > 0 && items.every((i) => selected.has(i.id));
  const some = selected.size > 0;
  const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
  return (
    <div className="feedback-bulk" data-testid="feedback-bulk">
      <label className="feedback-check">
        <input type="checkbox" checked={all} disabled={items.length === 0} data-testid="feedback-select-all"
          ref={(el) => { if (el) el.indeterminate = some && !all; }} onChange={() => onSelectAll(!all)}
          aria-label="Select all loaded feedback" />
      </label>
      {some ? (
        <>
          <span className="bulk-count" data-testid="feedback-selected-count">{ids.length} selected</span>
          {statusActions(mailbox).map((a) => (
            <button key={a.testId} type="button" className="btn btn-small" data-testid={`bulk-${a.testId}`}
              onClick={() => onChange(ids, { status: a.status })}>{a.label}</button>
          ))}
          <button type="button" className="btn btn-small btn-ghost" data-testid="bulk-feedback-read" onClick={() => onChange(ids, { read: true })}>
            Mark read
          </button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="bulk-feedback-unread" onClick={() => onChange(ids, { read: false })}>
            Mark unread
          </button>
          <DeleteFeedbackButton ids={ids} onDeleted={onDeleted} testId="bulk-feedback-delete" />
        </>
      ) : <span className="muted small">Select feedback to resolve, mark as spam, mark read or delete in one go.</span>}
    </div>
  );
}
