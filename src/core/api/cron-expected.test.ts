import { describe, expect, it } from 'vitest';
import type { CronMonitorConfig } from '../../shared/api-crons';
import { expectation, missedBetween, timeoutAt } from './cron-expected';

const config = (c: Partial<CronMonitorConfig>): CronMonitorConfig => ({
  schedule: null, checkinMargin: null, maxRuntime: null, timezone: null, failureIssueThreshold: null, recoveryThreshold: null, ...c,
});
const t = Date.parse;
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());

describe('next expected check-in and missed, with fixed clocks', () => {
  const every5 = config({ schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 2, timezone: 'Europe/Berlin' });

  it('expects the crontab tick after the last check-in, missed once the margin passed', () => {
    const last = t('2025-06-01T10:03:30Z');
    expect(expectation(every5, last, t('2025-06-01T10:06:59Z'))).toEqual({
      expectedMs: t('2025-06-01T10:05:00Z'), latestMs: t('2025-06-01T10:07:00Z'), missedSinceMs: null, nextMs: t('2025-06-01T10:05:00Z'),
    });
    const late = expectation(every5, last, t('2025-06-01T10:07:00Z'))!;
    expect([iso(late.missedSinceMs), iso(late.nextMs)]).toEqual(['2025-06-01T10:05:00.000Z', '2025-06-01T10:10:00.000Z']);
    // Idle for a week: still the first missed tick, and the next one still inside its margin.
    const idle = expectation(every5, last, t('2025-06-08T10:11:30Z'))!;
    expect([iso(idle.missedSinceMs), iso(idle.nextMs)]).toEqual(['2025-06-01T10:05:00.000Z', '2025-06-08T10:10:00.000Z']);
  });

  it('judges `0 2 * * *` in Europe/Berlin on the spring-forward day from 03:00 CEST', () => {
    const nightly = config({ schedule: { type: 'crontab', value: '0 2 * * *' }, checkinMargin: 5, timezone: 'Europe/Berlin' });
    const last = t('2025-03-29T01:00:10Z'); // 02:00:10 CET on the Saturday
    expect(expectation(nightly, last, t('2025-03-30T01:04:59Z'))).toMatchObject({ expectedMs: t('2025-03-30T01:00:00Z'), missedSinceMs: null });
    expect(expectation(nightly, last, t('2025-03-30T01:05:00Z'))).toMatchObject({
      missedSinceMs: t('2025-03-30T01:00:00Z'), nextMs: t('2025-03-31T00:00:00Z'),
    });
    // In UTC (no time zone) the same crontab expects 02:00 UTC.
    expect(expectation({ ...nightly, timezone: null }, last, last)?.expectedMs).toBe(t('2025-03-29T02:00:00Z'));
  });

  it('gives a minute of margin when none (or 0) is sent, as Sentry does', () => {
    const c = config({ schedule: { type: 'crontab', value: '0 * * * *' } });
    expect(expectation(c, t('2025-06-01T10:30:00Z'), t('2025-06-01T11:00:59Z'))?.missedSinceMs).toBeNull();
    expect(expectation({ ...c, checkinMargin: 0 }, t('2025-06-01T10:30:00Z'), t('2025-06-01T11:01:00Z'))?.missedSinceMs).toBe(t('2025-06-01T11:00:00Z'));
  });

  it('counts intervals on the wall clock from the minute of the check-in', () => {
    const hourly = config({ schedule: { type: 'interval', value: 1, unit: 'hour' }, checkinMargin: 3 });
    expect(expectation(hourly, t('2025-06-01T10:00:40Z'), t('2025-06-01T11:02:59Z'))).toMatchObject({ expectedMs: t('2025-06-01T11:00:00Z'), missedSinceMs: null });
    expect(expectation(hourly, t('2025-06-01T10:00:40Z'), t('2025-06-05T10:30:00Z'))).toMatchObject({
      missedSinceMs: t('2025-06-01T11:00:00Z'), nextMs: t('2025-06-05T11:00:00Z'),
    });
    const daily = config({ schedule: { type: 'interval', value: 1, unit: 'day' }, timezone: 'Europe/Berlin' });
    expect(iso(expectation(daily, t('2025-03-29T08:00:30Z'), 0)?.expectedMs)).toBe('2025-03-30T07:00:00.000Z'); // 09:00 both days
    const monthly = config({ schedule: { type: 'interval', value: 1, unit: 'month' } });
    expect(iso(expectation(monthly, t('2025-01-31T06:00:00Z'), 0)?.expectedMs)).toBe('2025-03-31T06:00:00.000Z');
  });

  it('judges nothing without a schedule it can read', () => {
    expect(expectation(null, 0, 1e13)).toBeNull();
    expect(expectation(config({}), 0, 1e13)).toBeNull();
    expect(expectation(config({ schedule: { type: 'crontab', value: '61 * * * *' } }), 0, 1e13)).toBeNull();
    expect(expectation({ ...every5, timezone: 'Mars/Olympus' }, 0, 1e13)).toBeNull();
    expect(expectation(config({ schedule: { type: 'interval', value: 1, unit: 'fortnight' } }), 0, 1e13)).toBeNull();
  });

  it('times an in-progress run out max_runtime after the minute it began (30 by default), never without a config', () => {
    expect(timeoutAt(config({ maxRuntime: 5 }), t('2025-06-01T10:00:40Z'))).toBe(t('2025-06-01T10:05:00Z'));
    expect(timeoutAt(config({}), t('2025-06-01T10:00:40Z'))).toBe(t('2025-06-01T10:30:00Z'));
    expect(timeoutAt(null, 0)).toBeNull();
  });

  it('counts the ticks missed between two check-ins: each tick whose margin ran out before the next came', () => {
    const every5 = config({ schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 2, timezone: 'UTC' });
    // 10:03 then 10:21: 10:05, 10:10 and 10:15 were missed; 10:20 was still in its margin.
    expect(missedBetween(every5, t('2025-06-01T10:03:00Z'), t('2025-06-01T10:21:00Z'), 100))
      .toEqual({ expectedMs: t('2025-06-01T10:05:00Z'), count: 3 });
    // Late, but within the margin: nothing missed. At the margin's end: missed.
    expect(missedBetween(every5, t('2025-06-01T10:03:00Z'), t('2025-06-01T10:06:59Z'), 100)).toBeNull();
    expect(missedBetween(every5, t('2025-06-01T10:03:00Z'), t('2025-06-01T10:07:00Z'), 100)).toEqual({ expectedMs: t('2025-06-01T10:05:00Z'), count: 1 });
    // A minutely job idle for a week is counted up to the cap.
    const minutely = config({ schedule: { type: 'interval', value: 1, unit: 'minute' } });
    expect(missedBetween(minutely, t('2025-06-01T10:00:00Z'), t('2025-06-08T10:00:00Z'), 10)?.count).toBe(10);
    expect(missedBetween(null, 0, 1e13, 100)).toBeNull();
  });
});
