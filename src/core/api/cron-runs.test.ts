import { describe, expect, it } from 'vitest';
import { groupRuns, type CheckInRow } from './cron-runs';

const row = (id: number, checkInId: string | null, status: string, received: number, duration: number | null = null, extra: object = {}): CheckInRow => ({
  id, check_in_id: checkInId, status, duration, received, payload: JSON.stringify({ check_in_id: checkInId, status, ...extra }),
});

describe('check-in rows to runs', () => {
  it('pairs by check_in_id (dashed or not), the most recently active run first, the last status winning', () => {
    const runs = groupRuns([
      row(1, 'aaaa', 'in_progress', 1000, null, { contexts: { trace: { trace_id: 't1' } } }),
      row(2, 'bbbb', 'in_progress', 2000),
      row(3, 'AAAA', 'ok', 4000, 2.5, { release: 'r1' }),
      row(4, 'bbbb', 'error', 2500),
    ], null, 10_000);
    expect(runs.map((r) => [r.anchor, r.run.status, r.run.durationMs, r.run.itemCount])).toEqual([[4, 'error', 500, 2], [3, 'ok', 2500, 2]]);
    expect(runs[1]!.run).toMatchObject({ startedMs: 1000, finishedMs: 4000, release: 'r1', traceId: 't1' });
  });

  it('keeps a run closed when its in_progress arrives after the close (requests race, an SDK retries)', () => {
    const config = { schedule: null, checkinMargin: null, maxRuntime: 1, timezone: null, failureIssueThreshold: null, recoveryThreshold: null };
    const [late] = groupRuns([row(1, 'aaaa', 'ok', 5000, 3), row(2, 'aaaa', 'in_progress', 5200)], config, 600_000);
    expect(late!.run).toMatchObject({ status: 'ok', sentStatus: null, startedMs: 2000, finishedMs: 5000, durationMs: 3000, itemCount: 2 });
  });

  it('dates a lone closing check-in back by its duration; one without an id is its own run', () => {
    const runs = groupRuns([row(5, null, 'ok', 9000, 3), row(6, null, 'ok', 9500)], null, 10_000);
    expect(runs.map((r) => [r.run.startedMs, r.run.finishedMs])).toEqual([[9500, 9500], [6000, 9000]]);
  });

  it('times a run out past max_runtime (30 minutes when the config has none), never without a config', () => {
    const open = [row(1, 'c', 'in_progress', 0)];
    const config = { schedule: null, checkinMargin: null, maxRuntime: 2, timezone: null, failureIssueThreshold: null, recoveryThreshold: null };
    expect(groupRuns(open, null, 3_600_000)[0]!.run.status).toBe('in_progress');
    expect(groupRuns(open, config, 119_000)[0]!.run.status).toBe('in_progress');
    expect(groupRuns(open, config, 121_000)[0]!.run).toMatchObject({ status: 'timeout', sentStatus: 'in_progress' });
    // With a config but no max_runtime, Sentry's default of 30 minutes from the minute it began.
    const bare = { ...config, maxRuntime: null };
    expect(groupRuns([row(1, 'c', 'in_progress', 30_000)], bare, 30 * 60_000 - 1)[0]!.run.status).toBe('in_progress');
    expect(groupRuns([row(1, 'c', 'in_progress', 30_000)], bare, 30 * 60_000)[0]!.run.status).toBe('timeout');
  });
});
