import { describe, expect, it } from 'vitest';
import { configRows, monitorStatus, scheduleText, statusLook } from './cron-format';

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
    expect(monitorStatus({ recent: [run], missedSinceMs: 5 })).toBe('missed');
    expect(monitorStatus({ recent: [run], missedSinceMs: null })).toBe('ok');
    expect(monitorStatus({ recent: [], missedSinceMs: null })).toBeNull();
  });
});
