import type { TraceDetail } from '../../../shared/api-telemetry';
import { localeNumber } from './format';

/** Mirrors the server's cap on counting a trace's errors (core/api/trace-queries.ts `MAX_ERRORS_COUNTED`). */
export const TRACE_ERRORS_COUNTED = 10_000;

/**
 * A trace's error count as words: the true count, or "10,000+" past the counting cap. A trace
 * lists its first 500 errors only, so the list's length is never the count.
 */
export function traceErrorCountText(count: number): string {
  return count > TRACE_ERRORS_COUNTED ? `${localeNumber(TRACE_ERRORS_COUNTED)}+` : localeNumber(count);
}

/**
 * How many errors of the trace are not `eventId`. An error event opened from its issue is in its
 * own trace even when it is not among the 500 listed.
 */
export function otherTraceErrors(trace: Pick<TraceDetail, 'errors' | 'errorCount'>, eventId: string, isError: boolean): number {
  // Past the cap the count stays over it, so it still reads "10,000+".
  if (trace.errorCount > TRACE_ERRORS_COUNTED) return trace.errorCount;
  const listed = trace.errors.some((e) => e.eventId === eventId);
  const self = listed || (isError && trace.errorCount > trace.errors.length) ? 1 : 0;
  return Math.max(0, trace.errorCount - self);
}

/** The errors left after `shown` of `total`, as words ("9,800+" when the total is past the cap). */
export function moreTraceErrorsText(total: number, shown: number): string {
  return total > TRACE_ERRORS_COUNTED ? `${localeNumber(TRACE_ERRORS_COUNTED - shown)}+` : localeNumber(total - shown);
}
