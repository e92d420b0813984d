/**
 * The values of Sentry's numeric and date search keys (`timesSeen:>10`, `firstSeen:-24h`,
 * `lastSeen:>=2026-11-20T10:00:00`), read as Sentry reads them:
 * - a count takes `>`, `>=`, `<`, `<=`, `=` (or none) and Sentry's `k`/`m`/`b` suffixes;
 * - a relative time `-24h` means "within the last 24 hours" (at or after now − 24 h) and `+7d`
 *   "older than 7 days" (at or before now − 7 d), in minutes, hours, days or weeks;
 * - an absolute time takes the same operators; without one, a date is that whole day and a
 *   date-time the minutes around it (5 before, 6 after). A time without a zone is UTC.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/api/event_search.py (rel_date_format, iso_8601_date_format, numeric_value)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/search/utils.py (parse_datetime_range, parse_datetime_value)
 */

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

/** One bound on a column: `column op value`. Two bounds stand for a range (a day, a date-time's minutes). */
export interface Bound { op: Exclude<Comparison, '='>; value: number }

const OPERATOR = /^(>=|<=|>|<|=)?/;
const NUMBER = /^(\d+(?:\.\d*)?)([kmb])?$/i;
const MULTIPLIER: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
const RELATIVE = /^([+-])(\d{1,9})([mhdw])$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(Z|[+-]\d{2}:\d{2})?$/i;
const DAY_MS = 86_400_000;

/** A comparison turned into bounds (`=` is both `>=` and `<=`). */
function bounds(op: Comparison, value: number): Bound[] {
  return op === '=' ? [{ op: '>=', value }, { op: '<=', value }] : [{ op, value }];
}

/** `timesSeen:` values: the bounds on the issue's event count, or null when it is no number. */
export function parseCount(raw: string): Bound[] | null {
  const opText = OPERATOR.exec(raw)?.[1];
  const op = (opText ?? '=') as Comparison;
  const match = NUMBER.exec(raw.slice(opText?.length ?? 0));
  if (!match?.[1]) return null;
  const value = Number(match[1]) * (match[2] ? MULTIPLIER[match[2].toLowerCase()] ?? 1 : 1);
  return Number.isFinite(value) ? bounds(op, value) : null;
}

/** Epoch ms of an ISO date or date-time, UTC unless it names its zone; null when it is none. */
function parseInstant(text: string): { at: number; dateOnly: boolean } | null {
  const match = DATE.exec(text);
  if (!match?.[1]) return null;
  const time = match[2] ?? 'T00:00:00';
  const at = Date.parse(`${match[1]}${time.length === 6 ? `${time}:00` : time}${match[3]?.toUpperCase() ?? 'Z'}`);
  return Number.isFinite(at) ? { at, dateOnly: !match[2] } : null;
}

/** `firstSeen:` / `lastSeen:` / `age:` values: the bounds on that time (epoch ms), or null when it is no time. */
export function parseTime(raw: string, now: number): Bound[] | null {
  const relative = RELATIVE.exec(raw);
  if (relative?.[2] && relative[3]) {
    const at = now - Number(relative[2]) * (UNIT_MS[relative[3]] ?? 0);
    return [{ op: relative[1] === '-' ? '>=' : '<=', value: at }];
  }
  const opText = OPERATOR.exec(raw)?.[1];
  const instant = parseInstant(raw.slice(opText?.length ?? 0));
  if (!instant) return null;
  if (opText && opText !== '=') return bounds(opText as Comparison, instant.at);
  // A bare date is that day; a bare date-time the minutes around it, as Sentry widens it.
  return instant.dateOnly
    ? [{ op: '>=', value: instant.at }, { op: '<', value: instant.at + DAY_MS }]
    : [{ op: '>=', value: instant.at - 5 * 60_000 }, { op: '<', value: instant.at + 6 * 60_000 }];
}
