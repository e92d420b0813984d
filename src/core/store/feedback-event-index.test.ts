import { afterAll, describe, expect, it } from 'vitest';
import { openStore, removeStoreDirs, tempStoreDir } from './test-dictionary-store';
import { RELATED_FEEDBACK_SQL } from '../report/related-feedback';

afterAll(() => removeStoreDirs());

/** Migration 035: a bug report's feedback of the same replay or trace is found by event id, not by a scan. */
describe('feedback looked up by its event id', () => {
  it('reads the feedback rows of the matched events through feedback_event', () => {
    const db = openStore(tempStoreDir());
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${RELATED_FEEDBACK_SQL}`).all({ replays: '[]', traces: '[]' }) as { detail: string }[])
      .map((p) => p.detail);
    expect(plan).toContain('SEARCH f USING INDEX feedback_event (event_id=?)');
    // Without it SQLite builds a throwaway index over every feedback row on each report.
    expect(plan.filter((d) => /^SCAN f\b|AUTOMATIC/.test(d))).toEqual([]);
    db.close();
  });
});
