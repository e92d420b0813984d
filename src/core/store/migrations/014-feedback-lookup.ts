/**
 * User feedback found by the event it is about (the issue page's "User feedback", the event
 * page's, the bug report's "What the user said"). The `feedback` table becomes the one place for
 * both forms: `feedback` events get a row there too from now on (with the page and the widget's
 * source, which user reports lack), and `backfillFeedbackEvents` adds the rows of those stored
 * before. Associated ids are normalised as event ids are, or a dashed or uppercase id from a
 * user report would never join. The index is partial: a report without an event takes no entry.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export const sql = `
ALTER TABLE feedback ADD COLUMN url TEXT;
ALTER TABLE feedback ADD COLUMN source TEXT;
UPDATE feedback SET associated_event_id = lower(replace(associated_event_id, '-', '')) WHERE associated_event_id IS NOT NULL;
CREATE INDEX feedback_about ON feedback(associated_event_id) WHERE associated_event_id IS NOT NULL;
`;
