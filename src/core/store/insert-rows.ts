import type { DB } from './db';
import type Database from 'better-sqlite3';

type Row = Record<string, unknown>;

/** From this many rows on, one statement reading a JSON array beats one statement per row. */
const BULK_FROM = 8;
const isPlain = (v: unknown): boolean => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Prepared INSERTs keyed by table and column list, so item handlers can stay declarative. A
 * large batch of like rows (a span container's 50 spans, a log container) goes in as one
 * statement over `json_each`: the per-call cost of 50 separate inserts was most of the work.
 * @see https://www.sqlite.org/json1.html#jeach
 */
export function rowInserter(db: DB) {
  const cache = new Map<string, Database.Statement>();
  const statement = (key: string, sql: () => string): Database.Statement => {
    let stmt = cache.get(key);
    if (!stmt) cache.set(key, (stmt = db.prepare(sql())));
    return stmt;
  };
  const one = (table: string, row: Row): number => {
    const cols = Object.keys(row);
    const stmt = statement(`${table}(${cols.join(',')})`,
      () => `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    return Number(stmt.run(row).lastInsertRowid);
  };
  /** Inserts `rows` (each with `shared`'s columns too); bulk when they are many, alike and plain. */
  const many = (table: string, shared: Row, rows: readonly Row[]): void => {
    const cols = rows.length >= BULK_FROM ? Object.keys(rows[0]!) : [];
    const key = cols.join(',');
    const bulk = cols.length > 0 && !cols.some((c) => c in shared) && rows.every((r) => Object.keys(r).join(',') === key && cols.every((c) => isPlain(r[c])));
    if (!bulk) {
      for (const r of rows) one(table, { ...shared, ...r });
      return;
    }
    const fixed = Object.keys(shared);
    const stmt = statement(`bulk ${table}(${fixed.join(',')}|${key})`, () =>
      `INSERT INTO ${table} (${[...fixed, ...cols].join(', ')}) SELECT ${[...fixed.map((c) => `@${c}`),
        ...cols.map((_, i) => `j.value ->> ${i}`)].join(', ')} FROM json_each(@rows) j`);
    stmt.run({ ...shared, rows: JSON.stringify(rows.map((r) => cols.map((c) => r[c]))) });
  };
  return Object.assign(one, { many });
}
