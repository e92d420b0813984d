/**
 * Span helpers of the trace views: status classes, durations, a request's path. The waterfall's
 * tree is in span-groups.ts and span-group-rows.ts.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { TraceSpan } from '../../../shared/api-types';

/** `ok`, no status and `unset` are fine; `cancelled` is a warning; anything else failed. */
export function spanStatusClass(status: string | null): 'ok' | 'warn' | 'error' {
  if (status === null || status === '' || status === 'ok' || status === 'unset') return 'ok';
  return status === 'cancelled' ? 'warn' : 'error';
}

/** "0.42ms", "12.3ms", "1.25s", "2m 03s". */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms === 0) return '0ms';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * The path of an HTTP or resource span's URL when its name lacks it: SDK 11 names a browser's
 * fetch "GET 127.0.0.1", so every call to one host looked the same.
 */
export function requestPath(span: TraceSpan): string | null {
  const raw = span.data['url.full'] ?? span.data['http.url'] ?? span.data.url;
  if (typeof raw !== 'string' || raw === '') return null;
  let path: string;
  try { const u = new URL(raw, 'http://relative.invalid'); path = `${u.pathname}${u.search}`; } catch { return null; }
  return path === '/' || (span.name ?? '').includes(path) ? null : path;
}
