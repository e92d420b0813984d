import { describe, expect, it } from 'vitest';
import { configRows, cronTiming, monitorStatus, scheduleText, sortMonitors, statusLook, untilTime, zonedTimes } from './cron-format';

describe('cron-format', () => {
  it('names every status in words, with a glyph of its own', () => {
    const looks = ['ok', 'error', 'in_progress', 'timeout', 'missed'].map((s) => statusLook(s));
    expect(looks.map((l) => l.label)).toEqual(['OK', 'Failed', 'In progress', 'Timed out', 'Missed']);
    expect(new Set(looks.map((l) => l.glyph)).size).toBe(5);
    expect(statusLook('unknown_thing')).toEqual({ tone: 'unknown', glyph: '?', label: 'unknown_thing' });
  });

  it('reads schedules and leaves out what the SDK did not send', () => {
    expect(scheduleText({ type: 'crontab', value: '0 3 * * *' })).toBe('crontab 0 3 * * *');
    expect(scheduleText({ type: 'interval', value: 10, unit: 'minute' })).toBe('every 10 minutes');
    expect(scheduleText({ type: 'interval', value: 1, unit: 'hour' })).toBe('every hour');
    expect(configRows({ schedule: null, checkinMargin: 1, maxRuntime: null, timezone: 'UTC', failureIssueThreshold: null, recoveryThreshold: null }))
      .toEqual([['Time zone', 'UTC'], ['Check-in margin', '1 minute late before it counts as missed']]);
  });

  it('calls a monitor missed before its newest run says anything', () => {
    const run = { status: 'ok' } as never;
    const none = { missedSinceMs: null, nextCheckInMs: null, nextCheckInLatestMs: null };
    expect(monitorStatus({ ...none, recent: [run], missedSinceMs: 5 })).toBe('missed');
    expect(monitorStatus({ ...none, recent: [run] })).toBe('ok');
    expect(monitorStatus({ ...none, recent: [] })).toBeNull();
  });

  it('judges missed by the page clock once the expected check-in is past its margin', () => {
    const m = { recent: [{ status: 'ok' } as never], missedSinceMs: null, nextCheckInMs: 1000, nextCheckInLatestMs: 61_000 };
    expect(monitorStatus(m, 60_999)).toBe('ok');
    expect(cronTiming(m, 60_999)).toEqual({ missedSinceMs: null, nextMs: 1000 });
    expect(monitorStatus(m, 61_000)).toBe('missed');
    expect(cronTiming(m, 61_000)).toEqual({ missedSinceMs: 1000, nextMs: null });
  });

  it('shows a time in the viewer\'s zone and the monitor\'s', () => {
    const t = zonedTimes(Date.UTC(2025, 2, 30, 1, 0), 'Europe/Berlin');
    expect(t.inZone).toMatch(/3:00|03:00/);
    expect(t.inZone).toMatch(/Europe\/Berlin$/);
    expect(zonedTimes(0, 'Not/AZone').inZone).toBeNull();
  });

  it('lists failing monitors first, a missed one by the tick it missed, then the rest by last check-in', () => {
    const t = Date.parse;
    const none = { missedSinceMs: null, nextCheckInMs: null, nextCheckInLatestMs: null };
    const run = (status: string) => ({ status }) as never;
    const monitors = [
      { name: 'ok-recent', ...none, recent: [run('ok')], lastCheckInMs: t('2025-06-01T10:00:00Z') },
      // Silent since 08:00; its hourly tick at 09:00 passed its margin (judged by the server).
      { name: 'missed', ...none, recent: [run('ok')], lastCheckInMs: t('2025-06-01T08:00:00Z'), missedSinceMs: t('2025-06-01T09:00:00Z') },
      { name: 'failed-early', ...none, recent: [run('error')], lastCheckInMs: t('2025-06-01T07:00:00Z') },
      { name: 'ok-old', ...none, recent: [run('ok')], lastCheckInMs: t('2025-06-01T06:00:00Z') },
      // Judged missed by the page's clock: expected at 09:30, margin to 09:31, and now is 10:05.
      { name: 'missed-now', ...none, recent: [run('in_progress')], lastCheckInMs: t('2025-06-01T09:00:00Z'),
        nextCheckInMs: t('2025-06-01T09:30:00Z'), nextCheckInLatestMs: t('2025-06-01T09:31:00Z') },
      { name: 'timed-out', ...none, recent: [run('timeout')], lastCheckInMs: t('2025-06-01T05:00:00Z') },
    ];
    expect(sortMonitors(monitors, t('2025-06-01T10:05:00Z')).map((m) => m.name))
      .toEqual(['missed-now', 'missed', 'failed-early', 'timed-out', 'ok-recent', 'ok-old']);
  });

  it('says how long until the next check-in', () => {
    const now = Date.parse('2025-06-01T10:00:00Z');
    expect([30_000, 4 * 60_000, 3 * 3_600_000 + 60_000, 2 * 86_400_000].map((d) => untilTime(now + d, now)))
      .toEqual(['due now', 'in 4m', 'in 3h', 'in 2d']);
  });
});
