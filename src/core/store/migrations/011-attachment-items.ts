/**
 * An attachment sent in an envelope is already stored once, inside the envelope's compressed
 * body; its row kept a second copy in `attachments.data`, so a 20 MB attachment wrote ~40 MB in
 * the commit on the main thread. As replay segments do since 008, a row with `item_index` set
 * and an empty `data` is read from item `item_index` of its envelope's body. Rows stored before,
 * and attachments that arrive without their envelope as sent (an imported bundle, a minidump
 * upload), keep their bytes in `data`.
 */
export const sql = `
ALTER TABLE attachments ADD COLUMN item_index INTEGER;
`;
