/**
 * The User Feedback page's mailboxes, as Sentry's: a feedback is `unresolved` (the Inbox) until it
 * is resolved or marked as spam (`ignored`, Sentry's status for spam), and can be moved back. The
 * column's constant default costs no rewrite of the table; the index pages each mailbox newest
 * first, so a large Spam folder is never scanned to fill the Inbox.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/mailboxPicker.tsx
 */
export const sql = `
ALTER TABLE feedback ADD COLUMN status TEXT NOT NULL DEFAULT 'unresolved';
CREATE INDEX feedback_status_newest ON feedback(status, received, id);
`;
