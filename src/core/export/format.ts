/**
 * Readers for untrusted event fields and small formatters shared by the Markdown and HTML
 * renderers. Event timestamps are Unix seconds (float) or RFC 3339 strings.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */

export type Obj = Record<string, unknown>;

export function asObj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

/** Strings as they are, finite numbers and booleans as text, anything else null. */
export function asStr(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return null;
}

export function asArr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** `{values: [...]}` or a bare list, as SDKs send exceptions, threads and breadcrumbs. */
export function valuesOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : asArr(asObj(v)?.values);
}

/** Epoch ms from seconds, ms (numbers above 1e11 are taken as ms) or an RFC 3339 string. */
export function toMillis(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) < 1e11 ? v * 1000 : v) : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  if (Number.isFinite(n)) return toMillis(n);
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

export function isoTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'unknown';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'unknown' : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Offset from the error: `-2.35s`, `-1m 05.2s`, `-2h 03m`. Digits are cut, not rounded, as the app's clocks
 * do (103.96 s is `1m 43.9s` here and `1:43` in the replay player, never `1m 44.0s`).
 */
export function relativeTime(offsetMs: number | null): string {
  if (offsetMs === null || !Number.isFinite(offsetMs)) return '?';
  const sign = offsetMs < 0 ? '-' : '+';
  // Whole milliseconds, so the cuts below are integer divisions (0.29 s is 29 hundredths, not 28.999…).
  const ms = Math.round(Math.abs(offsetMs));
  if (ms < 60_000) {
    const text = `${Math.floor(ms / 1000)}.${String(Math.floor((ms % 1000) / 10)).padStart(2, '0')}`;
    return text === '0.00' ? '0.00s' : `${sign}${text}s`;
  }
  if (ms < 3_600_000) {
    const tenths = Math.floor((ms % 60_000) / 100);
    return `${sign}${Math.floor(ms / 60_000)}m ${String(Math.floor(tenths / 10)).padStart(2, '0')}.${tenths % 10}s`;
  }
  return `${sign}${Math.floor(ms / 3_600_000)}h ${String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0')}m`;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '? B';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatDuration(ms: number): string {
  return relativeTime(ms).replace(/^\+/, '');
}

/** Cuts long text so one field cannot blow up the report. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const LANGUAGES: Record<string, string> = {
  js: 'js', mjs: 'js', cjs: 'js', jsx: 'jsx', ts: 'ts', mts: 'ts', cts: 'ts', tsx: 'tsx', py: 'python',
  rb: 'ruby', go: 'go', java: 'java', kt: 'kotlin', php: 'php', cs: 'csharp', rs: 'rust', swift: 'swift',
  dart: 'dart', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', m: 'objc', ex: 'elixir', exs: 'elixir', vue: 'vue', svelte: 'svelte',
};

/** Fence language for a source file, from its extension ('' when unknown). */
export function languageFor(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})(?:[?#][^?#]*)?$/.exec(filename.slice(-200));
  return (m?.[1] && LANGUAGES[m[1].toLowerCase()]) || '';
}
