import { describe, expect, it } from 'vitest';
import { CrontabError, parseCrontab } from './cron-crontab';
import { nextRun } from './cron-next';
import { zoneClock } from './cron-zone';

/** The next `n` runs after `from`, as ISO strings in UTC. */
function runs(expr: string, zone: string, from: string, n = 1): string[] {
  const clock = zoneClock(zone)!;
  const tab = parseCrontab(expr);
  const out: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < n; i++) {
    at = nextRun(tab, clock, at)!;
    out.push(new Date(at).toISOString().replace(':00.000Z', 'Z'));
  }
  return out;
}

describe('crontab next run (cronsim / Debian cron semantics)', () => {
  it('counts strictly after the minute of the reference, in UTC by default', () => {
    expect(runs('*/5 * * * *', 'UTC', '2025-06-01T10:03:30Z', 3)).toEqual(['2025-06-01T10:05Z', '2025-06-01T10:10Z', '2025-06-01T10:15Z']);
    expect(runs('*/5 * * * *', 'UTC', '2025-06-01T10:05:59Z')).toEqual(['2025-06-01T10:10Z']);
    expect(runs('0 3 * * *', 'UTC', '2025-12-31T03:00:00Z')).toEqual(['2026-01-01T03:00Z']);
  });

  it('runs a fixed-time job skipped by spring-forward at the first minute after the gap (Europe/Berlin, 30 Mar 2025)', () => {
    // 02:00 does not exist that night: Debian cron (and Sentry) run it at 03:00 CEST = 01:00 UTC.
    expect(runs('0 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 3)).toEqual(['2025-03-30T01:00Z', '2025-03-31T00:00Z', '2025-04-01T00:00Z']);
    // 02:30 too runs at 03:00 (cron-parser says 03:30: one reason Lookout does not use it).
    expect(runs('30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z')).toEqual(['2025-03-30T01:00Z']);
    expect(runs('0 2 * * *', 'Europe/Berlin', '2025-03-29T01:00:10Z')).toEqual(['2025-03-30T01:00Z']);
  });

  it('runs a fixed-time job once in the repeated autumn hour, the first time (Europe/Berlin, 26 Oct 2025)', () => {
    expect(runs('0 2 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', 2)).toEqual(['2025-10-26T00:00Z', '2025-10-27T01:00Z']);
    // Checked in during the second 02:00 (CET): the next is tomorrow's.
    expect(runs('0 2 * * *', 'Europe/Berlin', '2025-10-26T01:00:30Z')).toEqual(['2025-10-27T01:00Z']);
  });

  it('follows the real clock for jobs with a wildcard minute or hour: both repeated hours, none in the gap', () => {
    expect(runs('*/30 2 * * *', 'Europe/Berlin', '2025-10-25T23:59:00Z', 5))
      .toEqual(['2025-10-26T00:00Z', '2025-10-26T00:30Z', '2025-10-26T01:00Z', '2025-10-26T01:30Z', '2025-10-27T01:00Z']);
    expect(runs('*/30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z')).toEqual(['2025-03-31T00:00Z']);
    expect(runs('*/5 * * * *', 'Europe/Berlin', '2025-03-30T00:58:00Z', 2)).toEqual(['2025-03-30T01:00Z', '2025-03-30T01:05Z']);
    expect(runs('0 * * * *', 'America/New_York', '2025-11-02T05:30:00Z', 2)).toEqual(['2025-11-02T06:00Z', '2025-11-02T07:00Z']);
  });

  it('reads names, steps, ranges, lists, L, LW, #n, nL and the @ shorthands; day fields OR-ed unless one starts with *', () => {
    expect(runs('0 0 1 * 1', 'UTC', '2025-01-01T12:00:00Z', 2)).toEqual(['2025-01-06T00:00Z', '2025-01-13T00:00Z']);
    expect(runs('0 0 1 * 1', 'UTC', '2025-01-27T12:00:00Z')).toEqual(['2025-02-01T00:00Z']);
    expect(runs('0 0 * * 1', 'UTC', '2025-01-01T12:00:00Z')).toEqual(['2025-01-06T00:00Z']);
    expect(runs('15 9 * jan-mar MON#1', 'UTC', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-06T09:15Z', '2025-02-03T09:15Z']);
    expect(runs('0 0 L * *', 'UTC', '2024-02-01T00:00:00Z')).toEqual(['2024-02-29T00:00Z']);
    expect(runs('0 0 LW * *', 'UTC', '2025-05-01T00:00:00Z')).toEqual(['2025-05-30T00:00Z']);
    expect(runs('0 0 * * 5L', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2025-01-31T00:00Z']);
    expect(runs('0 12 * * 7', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2025-01-05T12:00Z']);
    expect(runs('10-20/5 1,3 * * *', 'UTC', '2025-01-01T00:00:00Z', 4))
      .toEqual(['2025-01-01T01:10Z', '2025-01-01T01:15Z', '2025-01-01T01:20Z', '2025-01-01T03:10Z']);
    expect(runs('@daily', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2025-01-02T00:00Z']);
    expect(runs('0 0 29 2 *', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2028-02-29T00:00Z']);
  });

  it('takes exactly the shorthands of Sentry\'s validator (validators.py NONSTANDARD_CRONTAB_SCHEDULES), spelled in lower case', () => {
    // src/sentry/monitors/validators.py: whitespace normalised, then a case-sensitive lookup.
    expect(runs('@yearly', 'UTC', '2025-03-01T00:00:00Z')).toEqual(['2026-01-01T00:00Z']);
    expect(runs('@annually', 'UTC', '2025-03-01T00:00:00Z')).toEqual(['2026-01-01T00:00Z']);
    expect(runs('@monthly', 'UTC', '2025-03-05T00:00:00Z')).toEqual(['2025-04-01T00:00Z']);
    expect(runs('@weekly', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2025-01-05T00:00Z']); // a Sunday
    expect(runs(' @hourly\t', 'UTC', '2025-01-01T10:20:00Z')).toEqual(['2025-01-01T11:00Z']);
    for (const refused of ['@DAILY', '@Daily', '@midnight', '@reboot', '@every 5m']) {
      expect(() => parseCrontab(refused), refused).toThrow(CrontabError);
    }
  });

  it('reads day-of-week as cronsim does: `#n` with any digits, `nL` only with a number', () => {
    expect(runs('0 0 * * MON#01', 'UTC', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-06T00:00Z', '2025-02-03T00:00Z']);
    expect(() => parseCrontab('0 0 * * FRIL')).toThrow(CrontabError);
  });

  it('refuses what Sentry refuses', () => {
    for (const bad of ['* * * *', '60 * * * *', '* 24 * * *', '0 0 30 2 *', '*/0 * * * *', '5-1 * * * *', '0 0 * * MON#6', 'x * * * *']) {
      expect(() => parseCrontab(bad), bad).toThrow(CrontabError);
    }
    expect(zoneClock('Not/AZone')).toBeNull();
  });
});

describe('zones whose clocks skip midnight (cronsim reads the imaginary 00:00 as hour 0)', () => {
  // Expected values are what cronsim 2.7 gives over Python's zoneinfo for the same reference.
  it('America/Santiago, 8 Sep 2024 (00:00 → 01:00): hour 0 runs once, at the instant of 01:00', () => {
    expect(runs('*/30 0 * * 0', 'America/Santiago', '2024-09-07T16:00:00Z', 2)).toEqual(['2024-09-08T04:00Z', '2024-09-15T03:00Z']);
    expect(runs('0 * * * 0', 'America/Santiago', '2024-09-07T16:00:00Z', 2)).toEqual(['2024-09-08T04:00Z', '2024-09-08T05:00Z']);
  });

  it('America/Santiago, 8 Sep 2024: hour 1 is stepped over from the imaginary midnight, so that Sunday has no run', () => {
    expect(runs('*/30 1 * * 0', 'America/Santiago', '2024-09-07T16:00:00Z', 2)).toEqual(['2024-09-15T04:00Z', '2024-09-15T04:30Z']);
  });

  it('America/Asuncion, 1 Oct 2023: every 20 minutes of hour 0 on 1 October runs once that day', () => {
    expect(runs('*/20 0 1 10 *', 'America/Asuncion', '2023-09-20T10:00:00Z', 2)).toEqual(['2023-10-01T04:00Z', '2024-10-01T04:00Z']);
  });

  it('Asia/Beirut, 30 Mar 2025: a schedule only in that missing hour still runs (it was never judged before)', () => {
    expect(runs('* 0 * 3 0L', 'Asia/Beirut', '2025-03-09T12:36:03Z', 2)).toEqual(['2025-03-29T22:00Z', '2026-03-28T22:00Z']);
  });

  it('America/Santiago, 7 Apr 2024 (00:00 → 23:00): the repeated 23:00 hour runs twice', () => {
    expect(runs('*/30 23 * * 6', 'America/Santiago', '2024-04-06T12:00:00Z', 4))
      .toEqual(['2024-04-07T02:00Z', '2024-04-07T02:30Z', '2024-04-07T03:00Z', '2024-04-07T03:30Z']);
  });
});
