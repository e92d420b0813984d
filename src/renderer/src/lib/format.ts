/** Display formatting for numbers, sizes and times. All inputs may be odd values from the wire. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Formatters made once, in the user's locale: `toLocaleString` builds a new formatter per call
 * (~20–50 µs), and a page of rows re-rendered by a live stream formatted hundreds of dates a second.
 */
const dateOnly = new Intl.DateTimeFormat(undefined);
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const yearMonthDay = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const wholeNumber = new Intl.NumberFormat(undefined);
const dayHour = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Nov 24, 09:00" in local time: an hour's bar of a chart (each bar's label is formatted on every render). */
export function hourLabel(ms: number): string {
  return dayHour.format(ms);
}

/** `n.toLocaleString()` through one cached formatter. */
export function localeNumber(n: number): string {
  return wholeNumber.format(n);
}

/**
 * Converts a payload timestamp to epoch ms: numbers are Unix seconds (SDKs send floats), big
 * numbers are taken as ms already, strings are RFC 3339. Returns null for anything else.
 */
export function toMillis(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value === 'string' && value.length < 64) {
    const asNumber = Number(value);
    if (value.trim() !== '' && Number.isFinite(asNumber)) return toMillis(asNumber);
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/** "just now", "5m ago", "3h ago", "2d ago", then a date. */
export function relativeTime(ms: number | null | undefined, now = Date.now()): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const diff = now - ms;
  if (diff < 0 && diff > -MINUTE) return 'just now';
  if (diff < 0) return 'in the future';
  if (diff < 45_000) return 'just now';
  if (diff < HOUR) return `${Math.max(1, Math.round(diff / MINUTE))}m ago`;
  if (diff < DAY) return `${Math.round(diff / HOUR)}h ago`;
  if (diff < 30 * DAY) return `${Math.round(diff / DAY)}d ago`;
  return dateOnly.format(ms);
}

export function absoluteTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  return dateTime.format(ms);
}

/** Signed offset relative to a reference, for breadcrumbs: "-1.52s", "-2m 03s", "+0.10s". */
export function offsetLabel(ms: number, referenceMs: number): string {
  const diff = ms - referenceMs;
  const sign = diff < 0 ? '-' : '+';
  const abs = Math.abs(diff);
  // A crumb logged with the error rounds to 0: no sign ("-0.00s" read as a glitch).
  if (abs < MINUTE) { const s = (abs / 1000).toFixed(2); return s === '0.00' ? '0.00s' : `${sign}${s}s`; }
  if (abs < HOUR) return `${sign}${Math.floor(abs / MINUTE)}m ${String(Math.floor((abs % MINUTE) / 1000)).padStart(2, '0')}s`;
  if (abs < DAY) return `${sign}${Math.floor(abs / HOUR)}h ${String(Math.floor((abs % HOUR) / MINUTE)).padStart(2, '0')}m`;
  return `${sign}${Math.floor(abs / DAY)}d`;
}

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function compactNumber(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '0';
  if (Math.abs(value) < 1000) return String(value);
  if (Math.abs(value) < 1e6) return `${(value / 1e3).toFixed(value < 1e4 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(value / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
}

export function byteSize(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** Any value as display text: strings as is, others as compact JSON. Never throws. */
export function displayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * `21:04:05.123` in local time for a log of today: logs are read at the millisecond. An older one
 * names its day as the rest of the app does, in the user's locale (`Nov 23 23:59:58`; with the
 * year, and to the minute, when it is not this year's: `Jun 2, 2025 15:38`), so yesterday's lines
 * are not taken for today's and a "06-02" is not read as the 6th of February.
 */
export function logTime(ms: number, now = Date.now()): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const today = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (d.toDateString() === today.toDateString()) return `${clock}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  if (d.getFullYear() === today.getFullYear()) return `${monthDay.format(d)} ${clock}:${two(d.getSeconds())}`;
  return `${yearMonthDay.format(d)} ${clock}`;
}

/** "1 event", "2,400 events": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${wholeNumber.format(n)} ${n === 1 ? one : many}`;
}
