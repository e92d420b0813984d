import { describe, expect, it } from 'vitest';
import { clampTimestamp, toEpochMs } from './timestamps';

const DAY = 24 * 60 * 60 * 1000;

describe('toEpochMs', () => {
  it('reads float seconds as SDKs send them (PHP, Java, Python)', () => {
    expect(toEpochMs(1700655103.176607)).toBeCloseTo(1700655103176.607, 3);
    expect(toEpochMs(1708333062)).toBe(1708333062000);
    expect(toEpochMs('1717487641.29845')).toBeCloseTo(1717487641298.45, 3);
    expect(toEpochMs(' 1717487641 ')).toBe(1717487641000);
  });

  it('takes values above 1e11 as milliseconds (rrweb timestamps)', () => {
    expect(toEpochMs(1734057370559)).toBe(1734057370559);
    expect(toEpochMs('1734057370559')).toBe(1734057370559);
    expect(toEpochMs(99_999_999_999)).toBe(99_999_999_999_000);
  });

  it('reads RFC 3339 with Z, offsets, fractions of any length, and no offset as UTC', () => {
    expect(toEpochMs('2023-11-29T07:24:47.280Z')).toBe(Date.UTC(2023, 10, 29, 7, 24, 47, 280));
    expect(toEpochMs('2023-11-22T16:23:50.425344Z')).toBeCloseTo(Date.UTC(2023, 10, 22, 16, 23, 50, 425) + 0.344, 3);
    expect(toEpochMs('2024-04-04T14:12:00Z')).toBe(Date.UTC(2024, 3, 4, 14, 12, 0));
    expect(toEpochMs('2024-01-26T17:27:31+02:00')).toBe(Date.UTC(2024, 0, 26, 15, 27, 31));
    expect(toEpochMs('2024-01-26T17:27:31.5-0530')).toBe(Date.UTC(2024, 0, 26, 22, 57, 31, 500));
    expect(toEpochMs('2024-01-26T17:27:31')).toBe(Date.UTC(2024, 0, 26, 17, 27, 31));
    expect(toEpochMs('2024-01-26 17:27:31.123456789z')).toBeCloseTo(Date.UTC(2024, 0, 26, 17, 27, 31, 123) + 0.456789, 3);
    expect(toEpochMs('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('keeps years below 100 as they are', () => {
    expect(new Date(toEpochMs('0050-06-01T00:00:00Z') ?? 0).getUTCFullYear()).toBe(50);
  });

  it('rejects garbage, impossible dates and non-finite numbers', () => {
    const garbage: unknown[] = [
      'yesterday', '', '   ', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:00+25:00', '2024-01-01', '12:00:00',
      '2024-01-01T00:00:00ZZ', '1e400', 'NaN', 'Infinity', '0x10', '1.2.3', '9'.repeat(50),
      NaN, Infinity, -Infinity, null, undefined, true, {}, [1700000000], new Date(0),
    ];
    for (const value of garbage) expect(toEpochMs(value), String(value)).toBeUndefined();
  });

  it('returns negative numbers as they are, for clampTimestamp to refuse', () => {
    expect(toEpochMs(-5)).toBe(-5000);
    expect(toEpochMs('-5')).toBe(-5000);
  });
});

describe('clampTimestamp', () => {
  const received = Date.UTC(2025, 5, 1, 12, 0, 0);

  it('keeps plausible times, up to one day ahead of the receive time', () => {
    const hourAgo = received - 3_600_000;
    expect(clampTimestamp(hourAgo, received)).toEqual({ ms: hourAgo, adjusted: false });
    expect(clampTimestamp(received + DAY, received)).toEqual({ ms: received + DAY, adjusted: false });
    expect(clampTimestamp(Date.UTC(2000, 0, 1), received)).toEqual({ ms: Date.UTC(2000, 0, 1), adjusted: false });
  });

  it('replaces missing, invalid, negative, pre-2000 and far-future times with the receive time', () => {
    const bad = [undefined, NaN, Infinity, -1, -5000, 0, Date.UTC(1999, 11, 31, 23, 59, 59), received + DAY + 1, received * 10];
    for (const ms of bad) expect(clampTimestamp(ms, received), String(ms)).toEqual({ ms: received, adjusted: true });
  });

  it('works on what toEpochMs reads from real SDK values', () => {
    expect(clampTimestamp(toEpochMs('2025-06-01T11:59:00.000Z'), received)).toEqual({ ms: received - 60_000, adjusted: false });
    expect(clampTimestamp(toEpochMs('garbage'), received)).toEqual({ ms: received, adjusted: true });
    expect(clampTimestamp(toEpochMs(-1), received)).toEqual({ ms: received, adjusted: true });
  });
});
