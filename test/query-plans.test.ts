import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/core/store/db';

/** Lookups the UI makes on every click must use an index, whatever the store's size. */
describe('query plans', () => {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-plans-')));
  const plan = (sql: string) => {
    const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const args = new Array<string>((sql.match(/\?/g) ?? []).length).fill('x');
    return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  };

  it('opens an event by its id through an index', () => {
    expect(plan('SELECT * FROM events WHERE event_id = ? ORDER BY id LIMIT 1')).toMatch(/USING INDEX events_event_id/);
  });

  it('finds an issue by hash and a trace\'s logs through indexes', () => {
    expect(plan('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?')).toMatch(/USING PRIMARY KEY/);
    expect(plan('SELECT * FROM logs WHERE trace_id IN (?, ?) ORDER BY timestamp, id')).toMatch(/USING INDEX logs_trace/);
  });
});
