import { describe, expect, it } from 'vitest';
import { failureReason, type CronFailure } from './failure-event';
import { judgeFailure, judgeOk, newJudgeState, thresholdsOf } from './incident-judge';

const failure = (kind: CronFailure['kind'], n: number): CronFailure => ({
  kind, key: `${kind}:${n}`, atMs: n * 60_000, expectedMs: null, checkInId: null, traceId: null, release: null, envelopeId: 1,
});

describe('Sentry\'s incident rules for a monitor environment', () => {
  it('reads missing or zero thresholds as 1 (Sentry\'s default)', () => {
    expect(thresholdsOf(null)).toEqual({ failure: 1, recovery: 1 });
    expect(thresholdsOf({ failureIssueThreshold: 0, recoveryThreshold: 3 })).toEqual({ failure: 1, recovery: 3 });
  });

  it('opens an incident at the threshold, filing every failure that reached it, then each failure of the incident', () => {
    const state = newJudgeState();
    const t = thresholdsOf({ failureIssueThreshold: 3, recoveryThreshold: 1 });
    expect(judgeFailure(state, failure('missed', 1), t)).toEqual([]);
    // An ok check-in starts the count again.
    expect(judgeOk(state, 2 * 60_000, t)).toBe(false);
    expect(judgeFailure(state, failure('missed', 3), t)).toEqual([]);
    expect(judgeFailure(state, failure('timeout', 4), t)).toEqual([]);
    const opened = judgeFailure(state, failure('error', 5), t);
    expect(opened.map((f) => [f.failure.key, f.incident])).toEqual([['missed:3', 1], ['timeout:4', 1], ['error:5', 1]]);
    expect(failureReason(opened[0]!.reasonKinds)).toBe('1 missed, 1 timeout and 1 error check-ins detected');
    const next = judgeFailure(state, failure('error', 6), t);
    expect(next.map((f) => [f.failure.key, failureReason(f.reasonKinds)])).toEqual([['error:6', 'An error check-in was detected']]);
  });

  it('resolves once recovery_threshold ok check-ins came in a row; the next failure opens the next incident', () => {
    const state = newJudgeState();
    const t = thresholdsOf({ failureIssueThreshold: 1, recoveryThreshold: 2 });
    expect(judgeFailure(state, failure('error', 1), t)).toHaveLength(1);
    expect(judgeOk(state, 2, t)).toBe(false);
    expect(judgeFailure(state, failure('error', 3), t)).toHaveLength(1);
    expect(judgeOk(state, 4, t)).toBe(false);
    expect(judgeOk(state, 5, t)).toBe(true);
    expect(state).toMatchObject({ open: false, lastOkMs: 5, incident: 1 });
    expect(judgeFailure(state, failure('missed', 6), t).map((f) => f.incident)).toEqual([2]);
  });

  it('words a single failure as Sentry does', () => {
    expect(failureReason(['missed'])).toBe('A missed check-in was detected');
    expect(failureReason(['timeout'])).toBe('A timeout check-in was detected');
    expect(failureReason(['missed', 'missed', 'missed'])).toBe('3 missed check-ins detected');
  });
});
