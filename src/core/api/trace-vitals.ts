/**
 * A trace's page view read from its spans as the trace API returns them: for traces stored
 * before span blocks kept their vitals (migration 038). Streamed spans carry theirs as attributes
 * (`browser.web_vital.*`); a transaction's `measurements` are not among a span's data, so such an
 * older trace shows the vitals its spans carry only.
 * @see ../performance/web-vitals.ts
 */
import type { TraceVitals } from '../../shared/api-web-vitals';
import type { TraceSpan } from '../../shared/api-types';
import { performanceScore, type VitalValues } from '../../shared/web-vitals';
import { mayHoldVitals, mergeVitals, pageNameOf, spanVitals } from '../performance/web-vitals';

export function traceVitalsFromSpans(spans: readonly TraceSpan[]): TraceVitals | null {
  let page: string | null = null;
  const values: VitalValues = {};
  for (const s of spans) {
    if (!mayHoldVitals(s.op)) continue;
    const raw = { op: s.op, name: s.name, data: s.data };
    page ??= s.parentSpanId === null ? pageNameOf(raw) : null;
    mergeVitals(values, spanVitals(raw));
  }
  if (page === null && Object.keys(values).length === 0) return null;
  return { page, values, score: performanceScore(values)?.total ?? null };
}
