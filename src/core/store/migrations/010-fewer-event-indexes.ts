/**
 * Every index an insert touches is one more page each commit writes to the WAL (a one-event
 * commit wrote 25.9 pages, 21.4 now): three indexes cost that for nothing.
 * - `events_event_id` repeated the UNIQUE (project_id, event_id) index at another random spot;
 *   an event is now looked up by id through the UNIQUE index, once per project (see
 *   `EVENT_BY_ID_SQL`).
 * - `events_replay` held a NULL entry for every event without a replay; only events of a replay
 *   are ever looked up by it (`replay_id = ?` implies the index's condition).
 * - `envelopes_outcome` took an entry per accepted envelope; only rejected ones (at most
 *   MAX_REJECTED_KEPT) are looked up by outcome, while the accepted ones are most of the table.
 */
export const sql = `
DROP INDEX events_event_id;
DROP INDEX events_replay;
CREATE INDEX events_replay ON events(replay_id) WHERE replay_id IS NOT NULL;
DROP INDEX envelopes_outcome;
CREATE INDEX envelopes_rejected ON envelopes(id) WHERE outcome = 'rejected';
`;
