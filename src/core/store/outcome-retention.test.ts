import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from './db';
import { pruneOutcomeCounts } from './retention';

const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A store on disk with `rows[h]` outcome rows in hour `h`. */
function storeWith(rows: number[]): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-outcome-retention-'));
  dirs.push(dir);
  const { db } = openDatabase(dir);
  const add = db.prepare(`INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
    VALUES (1, ?, 'client_discard', 'error', ?, 1, ?, ?)`);
  db.transaction(() => rows.forEach((n, h) => { for (let r = 0; r < n; r++) add.run(h * HOUR, `reason-${r}`, h * HOUR, h * HOUR + 1); }))();
  return db;
}
const hoursLeft = (db: DB) => db.prepare('SELECT DISTINCT hour / 3600000 FROM outcome_counts ORDER BY 1').pluck().all();

describe('pruning outcome_counts with the events\' retention', () => {
  it('deletes whole expired hours in batches of about the size asked, never an hour not yet over', () => {
    const db = storeWith([30, 30, 30, 100, 30, 30]);
    // Hours 0–3 ended by the cutoff (hour 4 started at it); hour 4 is still counted.
    const cutoff = 4 * HOUR;
    const batches: number[] = [];
    for (let n = pruneOutcomeCounts(db, cutoff, 45); n > 0; n = pruneOutcomeCounts(db, cutoff, 45)) batches.push(n);
    // Hour by hour; hour 3 holds more than a batch and goes whole.
    expect(batches).toEqual([30, 30, 30, 100]);
    expect(hoursLeft(db)).toEqual([4, 5]);
    db.close();
  });

  it('takes every expired hour at once when they fit in a batch, and nothing when none expired', () => {
    const db = storeWith([10, 10, 10]);
    // Hours 0 and 1 ended by 2 h.
    expect(pruneOutcomeCounts(db, 2 * HOUR, 500)).toBe(20);
    expect(pruneOutcomeCounts(db, 3 * HOUR - 1, 500)).toBe(0);
    expect(pruneOutcomeCounts(db, 3 * HOUR, 500)).toBe(10);
    expect(hoursLeft(db)).toEqual([]);
    db.close();
  });
});
