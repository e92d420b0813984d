/**
 * Retention deletes every row stored from the oldest envelopes; without these indexes each
 * delete scanned whole tables inside the write transaction (a minute per batch at 200k events,
 * with ingest waiting).
 */
export const sql = `
CREATE INDEX events_envelope ON events(envelope_id);
CREATE INDEX spans_envelope ON spans(envelope_id);
CREATE INDEX attachments_envelope ON attachments(envelope_id);
CREATE INDEX replay_segments_envelope ON replay_segments(envelope_id);
CREATE INDEX logs_envelope ON logs(envelope_id);
CREATE INDEX check_ins_envelope ON check_ins(envelope_id);
CREATE INDEX sessions_envelope ON sessions(envelope_id);
CREATE INDEX client_reports_envelope ON client_reports(envelope_id);
CREATE INDEX feedback_envelope ON feedback(envelope_id);
CREATE INDEX other_items_envelope ON other_items(envelope_id);
`;
