import { describe, expect, it } from 'vitest';
import { compactNumber, displayText, logTime, offsetLabel, relativeTime, toMillis } from './format';

describe('format', () => {
  it('reads Sentry timestamps in seconds, ms and RFC 3339', () => {
    expect(toMillis(1_700_000_000.5)).toBe(1_700_000_000_500);
    expect(toMillis(1_700_000_000_500)).toBe(1_700_000_000_500);
    expect(toMillis('2023-11-14T22:13:20.000Z')).toBe(1_700_000_000_000);
    expect(toMillis('1700000000')).toBe(1_700_000_000_000);
    expect(toMillis('nope')).toBeNull();
    expect(toMillis({})).toBeNull();
    expect(toMillis(Number.NaN)).toBeNull();
  });

  it('describes times relative to now', () => {
    const now = 1_700_000_000_000;
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5m ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3h ago');
    expect(relativeTime(undefined, now)).toBe('—');
  });

  it('labels offsets and big numbers compactly', () => {
    expect(offsetLabel(1000, 2520)).toBe('-1.52s');
    expect(offsetLabel(0, 123_000)).toBe('-2m 03s');
    // A crumb logged with the error (a few ms before it) shows no sign.
    expect(offsetLabel(997, 1000)).toBe('0.00s');
    expect(offsetLabel(1000, 1000)).toBe('0.00s');
    expect(compactNumber(999)).toBe('999');
    expect(compactNumber(1234)).toBe('1.2k');
    expect(compactNumber(25_000)).toBe('25k');
    expect(compactNumber(2_500_000)).toBe('2.5M');
  });

  it('never throws on cyclic or odd values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(displayText(cyclic)).toBe('[object Object]');
    expect(displayText(12n as unknown)).toBe('12');
    expect(displayText({ a: 1 })).toBe('{"a":1}');
  });

  it("shows a log's time of day to the millisecond today, and its day for an older one", () => {
    const now = new Date(2026, 10, 24, 15, 0, 0).getTime();
    expect(logTime(new Date(2026, 10, 24, 9, 5, 7, 42).getTime(), now)).toBe('09:05:07.042');
    const day = (d: Date, o: Intl.DateTimeFormatOptions) => d.toLocaleDateString(undefined, o);
    const yesterday = new Date(2026, 10, 23, 23, 59, 58, 999);
    expect(logTime(yesterday.getTime(), now)).toBe(`${day(yesterday, { month: 'short', day: 'numeric' })} 23:59:58`);
    const june = new Date(2026, 5, 2, 15, 38, 44, 590);
    expect(logTime(june.getTime(), now)).toBe(`${day(june, { month: 'short', day: 'numeric' })} 15:38:44`);
    // Another year's log says its year (to the minute, so it fits the time column).
    const lastYear = new Date(2025, 5, 2, 15, 38, 44, 590);
    expect(logTime(lastYear.getTime(), now)).toBe(`${day(lastYear, { year: 'numeric', month: 'short', day: 'numeric' })} 15:38`);
    expect(logTime(lastYear.getTime(), now)).toMatch(/2025/);
    expect(logTime(Number.NaN, now)).toBe('—');
  });
});
