/**
 * A recording segment sent in an envelope is already stored once, inside the envelope's
 * compressed body; keeping a second, uncompressed copy in `replay_segments.data` made replays
 * the largest thing on disk (~60 KB per segment). A row with `item_index` set and an empty
 * `data` is read from item `item_index` of its envelope's body instead. Rows stored before, and
 * segments that arrive without their envelope (an imported bundle), keep their bytes in `data`.
 */
export const sql = `
ALTER TABLE replay_segments ADD COLUMN item_index INTEGER;
`;
