/**
 * Per-shape preset dictionaries for stored request bodies: a repeat of an error deflated against
 * the first body of its shape is ~100 B instead of ~2 KB of gzip or brotli. `crc` is the CRC-32
 * of the plain dictionary, checked on every load. `envelopes.body_dict` names the dictionary a
 * body needs (also on the body the dictionary was made from); the partial index lets retention
 * find whether any envelope still needs a dictionary without scanning, and costs nothing for
 * bodies stored without one. AUTOINCREMENT: a deleted dictionary's id is never handed out again.
 */
export const sql = `
CREATE TABLE body_dictionaries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  data BLOB NOT NULL,
  codec TEXT NOT NULL,
  size INTEGER NOT NULL,
  crc INTEGER NOT NULL,
  created INTEGER NOT NULL,
  UNIQUE (project_id, key)
);
ALTER TABLE envelopes ADD COLUMN body_dict INTEGER;
CREATE INDEX envelopes_body_dict ON envelopes(body_dict) WHERE body_dict IS NOT NULL;
`;
