/**
 * The User Feedback page (`GET /feedback`): each feedback's read state, as Sentry's feedback list
 * keeps `hasSeen` per feedback (opening one marks it read; "Mark unread" undoes it), and an index
 * that pages the list newest first without sorting the table.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/feedbackItem/useMarkAsRead.tsx
 */
export const sql = `
ALTER TABLE feedback ADD COLUMN read_at INTEGER;
CREATE INDEX feedback_newest ON feedback(received, id);
`;
