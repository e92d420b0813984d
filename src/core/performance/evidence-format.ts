/**
 * The rows of Sentry's "Span Evidence" list and the number formats it writes them in (durations,
 * percentages, byte sizes), as text.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/performance/spanEvidenceKeyValueList.tsx
 */
import type { PerformanceEvidenceRow } from '../../shared/api-performance';
import type { DetectorSpan } from './span-view';

/** A row keyed as Sentry keys it: its label in kebab case ("Duration Impact" → `duration-impact`). */
export function evidenceRow(label: string, value: string | string[], key?: string): PerformanceEvidenceRow {
  return { key: key ?? label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), label, value };
}

/** Sentry's page's `getSpanEvidenceValue`: a `db` span as its query alone, any other as `op - description`. */
export function spanRowValue(span: Pick<DetectorSpan, 'op' | 'description'> | undefined): string {
  if (!span || (!span.op && !span.description)) return '(no value)';
  if (!span.op) return span.description ?? '';
  if (!span.description) return span.op;
  return span.op === 'db' ? span.description : `${span.op} - ${span.description}`;
}

/** Sentry's `getPerformanceDuration`: whole milliseconds up to a second, then seconds with two decimals. */
export function formatDuration(ms: number): string {
  return ms > 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}

/** Sentry's `toRoundedPercent`: a ratio as a whole percentage. */
const roundedPercent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** Sentry's "Duration Impact": the share of the transaction the time stands for, `45% (450ms/1.00s)`; null without a transaction time. */
export function durationImpact(addedMs: number, transactionMs: number): string | null {
  if (!(transactionMs > 0)) return null;
  return `${roundedPercent(addedMs / transactionMs)} (${formatDuration(addedMs)}/${formatDuration(transactionMs)})`;
}

/** Sentry's "FCP Delay": the span's time and its share of the first contentful paint, `700ms (35% of 2.00s)`. */
export function fcpDelay(spanMs: number, fcpMs: number): string {
  return `${formatDuration(spanMs)} (${fcpMs > 0 ? roundedPercent(spanMs / fcpMs) : '0%'} of ${formatDuration(fcpMs)})`;
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** Sentry's `getSpanFieldBytes`: `formatBytesBase2` (one decimal, powers of 1024) then the exact count, `1.2 MiB (1258291 B)`. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${bytes} B (${bytes} B)`;
  let value = bytes;
  let unit = -1;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(1)} ${UNITS[unit] ?? 'TiB'} (${bytes} B)`;
}

/** A span data field holding a byte count (a number, or a numeric string as some SDKs send); null otherwise. */
export function byteCount(data: Record<string, unknown> | null, ...keys: string[]): number | null {
  for (const key of keys) {
    const v = data?.[key];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n) && n !== 0) return n;
  }
  return null;
}
