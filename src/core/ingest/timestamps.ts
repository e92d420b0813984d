/**
 * Timestamps as SDKs send them (float seconds, RFC 3339 strings, sometimes milliseconds),
 * turned into epoch milliseconds, and kept within a sane range.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#optional-attributes
 */

/** Seconds above this are really milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const MILLISECONDS_THRESHOLD = 1e11;
const YEAR_2000_MS = Date.UTC(2000, 0, 1);
const ONE_DAY_MS = 24 * 60 * 60 * 1000;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Epoch milliseconds for a timestamp given as float seconds, a numeric string or an RFC 3339
 * string (no offset means UTC, as Sentry assumes). Values over 1e11 are taken as milliseconds.
 * Returns undefined for anything else.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#optional-attributes
 */
export function toEpochMs(v: unknown): number | undefined {
  if (typeof v === 'number') return numberToMs(v);
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  if (text.length === 0 || text.length > 40) return undefined;
  if (NUMERIC.test(text)) return numberToMs(Number(text));
  return rfc3339ToMs(text);
}

/**
 * The timestamp to store: `ms` itself, or the receive time when `ms` is missing, invalid,
 * before the year 2000 or more than a day after it was received (a wrong clock, or garbage).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#optional-attributes
 */
export function clampTimestamp(ms: number | undefined, receivedMs: number): { ms: number; adjusted: boolean } {
  if (ms === undefined || !Number.isFinite(ms) || ms < YEAR_2000_MS || ms > receivedMs + ONE_DAY_MS) {
    return { ms: receivedMs, adjusted: true };
  }
  return { ms, adjusted: false };
}

function numberToMs(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  return n > MILLISECONDS_THRESHOLD ? n : n * 1000;
}

function rfc3339ToMs(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Date rolls 30 February over into March; a different day back means the date does not exist.
  if (new Date(utcMs(year, month, day, 0, 0, 0)).getUTCDate() !== day) return undefined;
  const fractionMs = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let offsetMinutes = 0;
  if (m[9]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return utcMs(year, month, day, hour, minute, second) + fractionMs - offsetMinutes * 60_000;
}

/** Like Date.UTC, but years 0-99 stay themselves instead of becoming 1900-1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}
