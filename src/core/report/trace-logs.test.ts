import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, removeStoreDirs, tempStoreDir } from '../store/test-dictionary-store';
import type { DB } from '../store/db';
import { traceLogsNear } from './trace-logs';

const TRACE = 'a'.repeat(32);
const AT = 1_700_000_000_000;
let db: DB;
beforeAll(() => {
  db = openStore(tempStoreDir());
  const insert = db.prepare('INSERT INTO logs (project_id, envelope_id, timestamp, trace_id, level, body, attributes) VALUES (1, 1, ?, ?, ?, ?, ?)');
  // A loop that logged 10 steps before the error and 10 after, all in the error's millisecond.
  // Logs are dated by a finer clock than errors: some carry a later fraction of the error's millisecond.
  for (let i = 0; i < 10; i++) insert.run(AT + (i % 2 ? 0.4 : 0), TRACE, 'info', `before ${i}`, '{}');
  for (let i = 0; i < 10; i++) insert.run(AT + 1, TRACE, 'info', `after ${i}`, '{}');
});
afterAll(() => { db.close(); removeStoreDirs(); });

describe('the logs a bug report quotes', () => {
  it('takes, of logs in the event\'s millisecond, the last written; of those a millisecond after, the first', () => {
    const near = traceLogsNear(db, TRACE, AT, 6)!;
    expect(near.total).toBe(20);
    expect(near.logs.map((l) => l.body)).toEqual(['before 4', 'before 5', 'before 6', 'before 7', 'before 8', 'before 9']);
    expect(traceLogsNear(db, TRACE, AT, 12)!.logs.map((l) => l.body).slice(-2)).toEqual(['after 0', 'after 1']);
  });
});
