import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logQueries } from '../src/core/api/log-queries';
import { openDatabase } from '../src/core/store/db';
import { medianTimer } from './helpers/timed';

/**
 * The issue page's Logs section reads the logs of the event's trace just before and just after
 * the event (`GET /logs?trace=&before=` and `&after=`). A Node app without tracing keeps one
 * trace id for its whole life, so one trace may hold most of a million logs: both pages must seek
 * to the event's moment through `logs_trace`, not walk the trace from either end.
 */
const LOGS = 1_000_000;
const PROCESS_TRACE = 'a'.repeat(32);
/** Every 10th log belongs to another, short trace. */
const OTHER_TRACES = 1_000;
const start = Date.UTC(2026, 10, 1);

describe('a trace\'s logs around a moment, at 1,000,000 logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-logs-around-'));
  const { db } = openDatabase(dir);
  const timings: string[] = [];
  const timed = medianTimer(timings);
  const logs = logQueries(db);

  beforeAll(() => {
    const add = db.prepare(`INSERT INTO logs (project_id, envelope_id, timestamp, trace_id, level, body, attributes)
      VALUES (1, 1, ?, ?, 'info', ?, '{}')`);
    db.transaction(() => {
      for (let n = 0; n < LOGS; n++) {
        const trace = n % 10 === 0 ? (n % OTHER_TRACES).toString(16).padStart(32, '0') : PROCESS_TRACE;
        // Two logs share each millisecond, so the cursor's id breaks ties.
        add.run(start + Math.floor(n / 2), trace, `log ${n}`);
      }
    })();
  }, 300_000);

  afterAll(() => {
    console.log(`logs around a moment, ${LOGS.toLocaleString()} logs:\n  ${timings.join('\n  ')}`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the 5 logs before and after the middle of a 900,000-log trace by an index seek', () => {
    const moment = start + LOGS / 4; // the half-way log's millisecond
    const cursor = `${moment}:${Number.MAX_SAFE_INTEGER}`;
    const before = timed('5 logs before the moment', () => logs.list({ trace: PROCESS_TRACE, before: cursor, limit: 5 }));
    const after = timed('5 logs after the moment', () => logs.list({ trace: PROCESS_TRACE, after: cursor, limit: 5 }));
    // Newest first before the moment, oldest first after it, none of another trace, none twice.
    expect(before.value.items.map((l) => l.body)).toEqual(['log 500001', 'log 499999', 'log 499998', 'log 499997', 'log 499996']);
    expect(after.value.items.map((l) => l.body)).toEqual(['log 500002', 'log 500003', 'log 500004', 'log 500005', 'log 500006']);
    expect(before.ms).toBeLessThan(20);
    expect(after.ms).toBeLessThan(20);
    // The next page continues where the last left off.
    const next = logs.list({ trace: PROCESS_TRACE, after: after.value.nextCursor!, limit: 2 });
    expect(next.items.map((l) => l.body)).toEqual(['log 500007', 'log 500008']);
  });

  it('seeks both pages through logs_trace, in its order (no sort of the trace\'s rows)', () => {
    const cursor = `${start + LOGS / 4}:${Number.MAX_SAFE_INTEGER}`;
    const asked: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => { asked.push(sql); return prepare(sql); }) as typeof db.prepare);
    try {
      logs.list({ trace: PROCESS_TRACE, before: cursor, limit: 5 });
      logs.list({ trace: PROCESS_TRACE, after: cursor, limit: 5 });
    } finally { spy.mockRestore(); }
    expect(asked).toHaveLength(2);
    const args = { t0: PROCESS_TRACE, t1: PROCESS_TRACE, cts: 1, cid: 1, ats: 1, aid: 1 };
    for (const sql of asked) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SEARCH logs USING INDEX logs_trace \(trace_id=\? AND timestamp[<>]\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('answers an id written in capitals as the lowercase one', () => {
    const cursor = `${start + 10}:${Number.MAX_SAFE_INTEGER}`;
    const lower = logs.list({ trace: PROCESS_TRACE, after: cursor, limit: 3 }).items.map((l) => l.id);
    expect(logs.list({ trace: PROCESS_TRACE.toUpperCase(), after: cursor, limit: 3 }).items.map((l) => l.id)).toEqual(lower);
    expect(() => logs.list({ trace: PROCESS_TRACE, before: cursor, after: cursor })).toThrow(/cannot be combined/);
  });
});
