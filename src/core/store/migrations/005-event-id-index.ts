/**
 * `GET /events/:eventId` looks an event up by its id alone (the UNIQUE index leads with the
 * project): without this, opening an event scanned the table (386 ms at 1,000,000 events).
 */
export const sql = `
CREATE INDEX events_event_id ON events(event_id);
`;
