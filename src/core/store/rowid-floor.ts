import { bumpCacheVersion, cacheVersion } from './cache-versions';
import type { DB } from './db';

/**
 * Tables whose ids a client keeps: `items.seq` is the live stream's `Last-Event-ID` and
 * `envelopes.id` Spotlight's. SQLite gives a new row the highest id + 1, so once the newest rows
 * are deleted their ids would be handed out again, and a client that saw them would skip the new
 * rows that took them. The highest id ever given is kept in `store_counts` instead (AUTOINCREMENT
 * would do the same with one more write per insert).
 */
const FLOORS = {
  items: { key: 'seq', name: 'items_seq_floor' },
  envelopes: { key: 'id', name: 'envelopes_id_floor' },
} as const;

export type FlooredTable = keyof typeof FLOORS;

/** Call before deleting rows of `items` or `envelopes`: the ids they have now stay taken. */
export function keepIdsTaken(db: DB): void {
  for (const [table, { key, name }] of Object.entries(FLOORS)) {
    // MAX in a scalar subquery is one seek; with HAVING it was a scan of the table (170 ms at 100,000 items, every retention step).
    db.prepare(`INSERT INTO store_counts (name, n) SELECT '${name}', m FROM (SELECT (SELECT MAX(${key}) FROM ${table}) AS m) WHERE m IS NOT NULL
      ON CONFLICT(name) DO UPDATE SET n = MAX(n, excluded.n)`).run();
  }
  bumpCacheVersion(db, 'ids');
}

/** Reads the highest id `table` has given out, deleted rows included. */
export function highestId(db: DB, table: FlooredTable): () => number {
  const { key, name } = FLOORS[table];
  const query = db.prepare(`SELECT MAX(COALESCE((SELECT MAX(${key}) FROM ${table}), 0),
    COALESCE((SELECT n FROM store_counts WHERE name = '${name}'), 0))`).pluck();
  return () => query.get() as number;
}

/**
 * For a writer of `table`: `next()` is the id its next insert must take, or null to let SQLite
 * choose (the usual case: a query only after a delete, then a number compare per insert).
 */
export function idFloor(db: DB, table: FlooredTable) {
  const { key, name } = FLOORS[table];
  const above = db.prepare(`SELECT n FROM store_counts WHERE name = '${name}'
    AND n >= COALESCE((SELECT MAX(${key}) FROM ${table}), 0) + 1`).pluck();
  let seen = -1;
  let floor: number | null = null;
  return {
    next(): number | null {
      const version = cacheVersion(db, 'ids');
      if (version !== seen) {
        seen = version;
        floor = (above.get() as number | undefined) ?? null;
      }
      if (floor === null) return null;
      const id = floor + 1;
      floor = null;
      return id;
    },
  };
}
