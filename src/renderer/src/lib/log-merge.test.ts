import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/api-types';
import { mergeNewestLogs } from './log-merge';

function log(id: number, timestamp: number): LogEntry {
  return { id, projectId: 1, timestamp, traceId: null, spanId: null, level: 'info', body: `log ${id}`, attributes: {} };
}

describe('mergeNewestLogs', () => {
  const loaded = [log(3, 300), log(2, 200), log(1, 100)];

  it('puts new rows on top and counts them', () => {
    const out = mergeNewestLogs(loaded, [log(5, 500), log(4, 400), log(3, 300)], true);
    expect(out.rows.map((l) => l.id)).toEqual([5, 4, 3, 2, 1]);
    expect(out).toMatchObject({ insertedAbove: 2, replaced: false });
  });

  it('keeps the same array when nothing is new', () => {
    expect(mergeNewestLogs(loaded, [log(3, 300), log(2, 200)], false).rows).toBe(loaded);
  });

  it('slots a late log with an older timestamp in time order, not above the top', () => {
    const out = mergeNewestLogs(loaded, [log(3, 300), log(9, 150)], false);
    expect(out.rows.map((l) => l.id)).toEqual([3, 2, 9, 1]);
    expect(out.insertedAbove).toBe(0);
  });

  it('replaces the rows when a full page shares none of them (a gap is possible)', () => {
    const out = mergeNewestLogs(loaded, [log(8, 800), log(7, 700)], true);
    expect(out.rows.map((l) => l.id)).toEqual([8, 7]);
    expect(out.replaced).toBe(true);
  });

  it('takes the page as the list when nothing was loaded (so its cursor is kept)', () => {
    expect(mergeNewestLogs([], [log(1, 100)], false)).toMatchObject({ replaced: true, insertedAbove: 0 });
  });

  it('caps the rows kept in memory', () => {
    expect(mergeNewestLogs(loaded, [log(4, 400)], false, 2).rows.map((l) => l.id)).toEqual([4, 3]);
  });
});
