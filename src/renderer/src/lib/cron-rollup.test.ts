import { describe, expect, it } from 'vitest';
import type { CronListEnvironment, CronMonitorOverview, CronRun } from '../../../shared/api-types';
import { rollUp, sortOverview, timelineMarks } from './cron-rollup';

const t = Date.parse;
const NOW = t('2025-06-01T10:05:00Z');

function run(status: string, startedMs: number): CronRun {
  return { checkInId: `${status}-${startedMs}`, status, sentStatus: null, startedMs, finishedMs: startedMs + 1000, durationMs: 1000,
    release: null, traceId: null, itemCount: 2 };
}

function env(environment: string, status: string, lastCheckInMs: number, extra: Partial<CronListEnvironment> = {}): CronListEnvironment {
  return { environment, recent: [run(status, lastCheckInMs - 1000)], missedGaps: [], lastCheckInMs,
    missedSinceMs: null, nextCheckInMs: null, nextCheckInLatestMs: null, ...extra };
}

function monitor(slug: string, environments: CronListEnvironment[]): CronMonitorOverview {
  return { projectId: 1, slug, config: null, lastCheckInMs: Math.max(...environments.map((e) => e.lastCheckInMs)), environments };
}

describe('cron-rollup', () => {
  it('rolls a monitor\'s status up from its most urgent environment, failing before ok whatever checked in last', () => {
    const m = monitor('nightly', [env('production', 'ok', t('2025-06-01T10:00:00Z')), env('staging', 'error', t('2025-06-01T09:00:00Z'))]);
    const r = rollUp(m, NOW);
    expect(r.status).toBe('error');
    expect(r.failing).toBe(true);
    expect(r.lead?.environment).toBe('staging');
    expect(r.environments.map((e) => e.environment)).toEqual(['staging', 'production']);
    // All fine: the most recent environment leads, and the monitor is OK.
    const fine = rollUp(monitor('fine', [env('a', 'ok', t('2025-06-01T08:00:00Z')), env('b', 'in_progress', t('2025-06-01T09:00:00Z'))]), NOW);
    expect([fine.status, fine.failing, fine.lead?.environment]).toEqual(['in_progress', false, 'b']);
  });

  it('counts an environment missed by the page clock as failing, dated by the tick it missed', () => {
    // Expected at 10:00, margin to 10:01; the page's clock says 10:05.
    const silent = env('production', 'ok', t('2025-06-01T09:00:00Z'), { nextCheckInMs: t('2025-06-01T10:00:00Z'), nextCheckInLatestMs: t('2025-06-01T10:01:00Z') });
    const r = rollUp(monitor('hourly', [env('staging', 'ok', t('2025-06-01T09:30:00Z')), silent]), NOW);
    expect([r.status, r.lead?.environment, r.news]).toEqual(['missed', 'production', t('2025-06-01T10:00:00Z')]);
    // An hour earlier the same monitor is fine, and its next check-in is the soonest either expects.
    const before = rollUp(monitor('hourly', [env('staging', 'ok', t('2025-06-01T09:30:00Z'), { nextCheckInMs: t('2025-06-01T10:30:00Z'), nextCheckInLatestMs: t('2025-06-01T10:31:00Z') }), silent]), t('2025-06-01T09:45:00Z'));
    expect([before.status, before.nextMs]).toEqual(['ok', t('2025-06-01T10:00:00Z')]);
  });

  it('orders monitors as the per-environment list did: any failing environment first, then the newest news', () => {
    const list = [
      monitor('ok-recent', [env('production', 'ok', t('2025-06-01T10:00:00Z'))]),
      monitor('one-env-failing', [env('production', 'ok', t('2025-06-01T09:59:00Z')), env('staging', 'timeout', t('2025-06-01T07:00:00Z'))]),
      monitor('failed-late', [env('production', 'error', t('2025-06-01T08:00:00Z'))]),
      monitor('ok-old', [env('production', 'ok', t('2025-06-01T06:00:00Z'))]),
    ];
    // one-env-failing's news is its production check-in at 09:59: the monitor's newest, whichever environment failed.
    expect(sortOverview(list, NOW).map((r) => r.monitor.slug)).toEqual(['one-env-failing', 'failed-late', 'ok-recent', 'ok-old']);
  });

  it('lays an environment\'s runs and missed ticks on one timeline, oldest first, the newest kept', () => {
    const e = env('production', 'ok', t('2025-06-01T09:40:00Z'), {
      recent: [run('ok', t('2025-06-01T09:40:00Z')), run('error', t('2025-06-01T09:10:00Z'))],
      missedGaps: [{ expectedMs: t('2025-06-01T09:15:00Z'), count: 5 }],
      nextCheckInMs: t('2025-06-01T09:45:00Z'), nextCheckInLatestMs: t('2025-06-01T09:46:00Z'),
    });
    const marks = timelineMarks(e, NOW);
    expect(marks.map((m) => (m.kind === 'run' ? m.run.status : `missed:${m.count ?? 'since'}`))).toEqual(['error', 'missed:5', 'ok', 'missed:since']);
    expect(timelineMarks(e, NOW, 2).map((m) => m.kind)).toEqual(['run', 'missed']);
    // Before the margin ran out nothing is missed since the last check-in.
    expect(timelineMarks(e, t('2025-06-01T09:45:30Z'))).toHaveLength(3);
  });
});
