/**
 * The address each request came from, so an event whose SDK asked for its client's address
 * (`user.ip_address: "{{auto}}"`, sent with sendDefaultPii) reads back with that address each
 * time it is re-read from its stored envelope, as Relay fills it in. Null for requests stored
 * before, imported bundles and uploads.
 */
export const sql = `
ALTER TABLE envelopes ADD COLUMN remote_addr TEXT;
`;
