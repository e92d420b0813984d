/**
 * A five-field crontab read as Sentry reads it: Sentry evaluates schedules with cronsim, which
 * follows Debian's cron (names, ranges, steps, `L`, `LW`, `MON#2`, `5L`; day-of-month and
 * day-of-week are OR-ed unless either starts with `*`).
 * @see https://docs.sentry.io/product/crons/job-monitoring/#crontab-schedules
 * @see https://github.com/cuu508/cronsim/blob/main/cronsim/cronsim.py (Field.parse)
 */

/** Day-of-month: the last day of the month (`L`), the last weekday (`LW`). */
export const LAST = -1000;
export const LAST_WEEKDAY = -1001;

export interface Crontab {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** `d` (0 = Sunday), `d#n` (n-th of the month) or `dL` (last of the month). */
  weekdays: ReadonlySet<string>;
  /** Both day fields must match (either starts with `*`); else either may. */
  dayAnd: boolean;
  /** Minute and hour are both fixed: Debian's DST handling applies (see cron-next.ts). */
  fixedTime: boolean;
}

export class CrontabError extends Error {}

const RANGES: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
const NAMES = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];
const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');
const DAYS = 'SUN MON TUE WED THU FRI SAT'.split(' ');
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * Sentry's validator takes these shorthands (`NONSTANDARD_CRONTAB_SCHEDULES`) in place of an
 * expression, spelled exactly so: a lookup after whitespace is normalised, before cronsim
 * upper-cases the expression, so `@DAILY`, `@midnight` and `@reboot` are refused.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/validators.py (ConfigValidator.validate)
 */
const SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ['@yearly', '0 0 1 1 *'], ['@annually', '0 0 1 1 *'], ['@monthly', '0 0 1 * *'], ['@weekly', '0 0 * * 0'],
  ['@daily', '0 0 * * *'], ['@hourly', '0 * * * *'],
]);

type Item = number | string;

function parseField(field: number, s: string): Set<Item> {
  const [lo, hi] = RANGES[field]!;
  const bad = () => new CrontabError(`bad ${NAMES[field]}: ${s}`);
  const int = (v: string): number => {
    if (field === 3 && MONTHS.includes(v)) return MONTHS.indexOf(v) + 1;
    if (field === 4 && DAYS.includes(v)) return DAYS.indexOf(v);
    if (!/^\d+$/.test(v)) throw bad();
    const n = Number(v);
    if (n < lo || n > hi) throw bad();
    return n;
  };
  const span = (a: number, b: number) => new Set<Item>(Array.from({ length: b - a + 1 }, (_, i) => a + i));
  if (s === '*') return span(lo, hi);
  if (s.includes(',')) return new Set(s.split(',').flatMap((t) => [...parseField(field, t)]));
  if (field === 4 && s.includes('L')) {
    // cronsim reads `dL` only with a number (`5L`, not `FRIL`).
    if (!/^\d+L$/.test(s)) throw bad();
    return new Set([`${int(s.slice(0, -1)) % 7}L`]);
  }
  if (field === 4 && s.includes('#')) {
    const at = s.indexOf('#');
    const d = s.slice(0, at);
    const nth = s.slice(at + 1);
    if (!/^\d+$/.test(nth) || Number(nth) < 1 || Number(nth) > 5) throw bad();
    return new Set([`${int(d) % 7}#${Number(nth)}`]);
  }
  if (s.includes('/')) {
    const at = s.indexOf('/');
    const step = s.slice(at + 1);
    if (!/^\d+$/.test(step) || Number(step) === 0) throw bad();
    const items = [...parseField(field, s.slice(0, at))];
    if (items.length === 1 && typeof items[0] === 'number' && items[0] >= 0) {
      return new Set([...span(items[0], hi)].filter((_, i) => i % Number(step) === 0));
    }
    if (items.every((v) => typeof v === 'number' && v < 0)) return new Set(items);
    return new Set(items.sort((a, b) => Number(a) - Number(b)).filter((_, i) => i % Number(step) === 0));
  }
  if (s.includes('-')) {
    const at = s.indexOf('-');
    const a = int(s.slice(0, at));
    const b = int(s.slice(at + 1));
    if (b < a) throw bad();
    return span(a, b);
  }
  if (field === 2 && s === 'LW') return new Set([LAST_WEEKDAY]);
  if (field === 2 && s === 'L') return new Set([LAST]);
  return new Set([int(s)]);
}

/** Parses a crontab; throws CrontabError for one Sentry would refuse. */
export function parseCrontab(expr: string): Crontab {
  const normalised = expr.replace(/\s+/g, ' ').trim();
  if (normalised.startsWith('@') && !SHORTHANDS.has(normalised)) throw new CrontabError('not a schedule Sentry knows');
  const parts = (SHORTHANDS.get(normalised) ?? normalised).toUpperCase().split(' ');
  if (parts.length !== 5) throw new CrontabError('a crontab has five fields');
  const [m, h, d, mo, w] = parts.map((p, i) => parseField(i, p)) as [Set<Item>, Set<Item>, Set<Item>, Set<Item>, Set<Item>];
  const nums = (s: Set<Item>) => new Set([...s].filter((v): v is number => typeof v === 'number'));
  const days = nums(d);
  const months = nums(mo);
  const realDays = [...days].filter((v) => v > 0);
  if (realDays.length === days.size && Math.min(...realDays) > Math.max(...[...months].map((x) => DAYS_IN_MONTH[x - 1]!))) {
    throw new CrontabError('bad day-of-month: no month has that day');
  }
  return {
    minutes: nums(m), hours: nums(h), days, months,
    weekdays: new Set([...w].map((v) => (typeof v === 'number' ? String(v % 7) : v))),
    dayAnd: parts[2]!.startsWith('*') || parts[4]!.startsWith('*'),
    fixedTime: !parts[0]!.startsWith('*') && !parts[1]!.startsWith('*'),
  };
}

/** Whether the crontab runs on a date (weekday 0 = Sunday). */
export function matchesDay(c: Crontab, year: number, month: number, day: number, weekday: number): boolean {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastDow = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  const lastWeekday = lastDow === 0 ? last - 2 : lastDow === 6 ? last - 1 : last;
  const dom = c.days.has(day) || (c.days.has(LAST) && day === last) || (c.days.has(LAST_WEEKDAY) && day === lastWeekday);
  const dow = c.weekdays.has(String(weekday)) || (c.weekdays.has(`${weekday}L`) && day + 7 > last)
    || c.weekdays.has(`${weekday}#${Math.floor((day + 6) / 7)}`);
  return c.dayAnd ? dom && dow : dom || dow;
}
