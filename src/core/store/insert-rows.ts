import type { DB } from './db';
import type Database from 'better-sqlite3';

/** Prepared INSERTs keyed by table and column list, so item handlers can stay declarative. */
export function rowInserter(db: DB) {
  const cache = new Map<string, Database.Statement>();
  return (table: string, row: Record<string, unknown>): number => {
    const cols = Object.keys(row);
    const key = `${table}(${cols.join(',')})`;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
      cache.set(key, stmt);
    }
    return Number(stmt.run(row).lastInsertRowid);
  };
}
