/**
 * Feedback is looked up by its own event id: a bug report joins the feedback events of an issue's
 * replays and traces to their `feedback` rows (`report/related-feedback.ts`), which without an index
 * read every feedback row once per match.
 */
export const sql = `
CREATE INDEX feedback_event ON feedback(event_id) WHERE event_id IS NOT NULL;
`;
