/**
 * Retention compares the number of stored error events with its limit every minute, inside a
 * write transaction. Counting them (`COUNT(*)` over the kind index) took 40–137 ms at 1,000,000
 * events, with ingest waiting. Triggers keep the count instead, at one single-row update per event.
 */
export const sql = `
CREATE TABLE store_counts (
  name TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_counts (name, n) SELECT 'error_events', COUNT(*) FROM events WHERE kind = 'event';

CREATE TRIGGER error_events_added AFTER INSERT ON events WHEN new.kind = 'event'
BEGIN UPDATE store_counts SET n = n + 1 WHERE name = 'error_events'; END;
CREATE TRIGGER error_events_removed AFTER DELETE ON events WHEN old.kind = 'event'
BEGIN UPDATE store_counts SET n = n - 1 WHERE name = 'error_events'; END;
CREATE TRIGGER error_events_rekinded AFTER UPDATE OF kind ON events WHEN (old.kind = 'event') <> (new.kind = 'event')
BEGIN UPDATE store_counts SET n = n + (CASE WHEN new.kind = 'event' THEN 1 ELSE -1 END) WHERE name = 'error_events'; END;
`;
