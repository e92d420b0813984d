/**
 * Dead and rage clicks per replay, as Sentry's replays list shows and sorts them
 * (`count_dead_clicks`, `count_rage_clicks`): counted at ingest from each segment's decoded events
 * (`replay/frustration.ts`), so the list never decodes a recording. The indexes serve the list
 * sorted by either count (ties newest first); `received` is never updated, so a segment's write
 * touches them only when it brings clicks. `backfillReplayFrustration` counts the stored replays.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/replays/usecases/ingest/event_parser.py
 */
export const sql = `
ALTER TABLE replays ADD COLUMN dead_clicks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replays ADD COLUMN rage_clicks INTEGER NOT NULL DEFAULT 0;
CREATE INDEX replays_dead_clicks ON replays(dead_clicks, received);
CREATE INDEX replays_rage_clicks ON replays(rage_clicks, received);
`;
