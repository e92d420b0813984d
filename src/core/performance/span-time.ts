/**
 * Span time measures of Sentry's detectors.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/utils.py
 */
import type { DetectorSpan } from './span-view';

/** `total_span_time`: the time the spans cover on the timeline (overlaps counted once), in ms. */
export function totalSpanTime(spans: readonly DetectorSpan[]): number {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const first = sorted[0];
  if (!first) return 0;
  let total = 0;
  let min = first.startMs;
  let max = first.endMs;
  for (const span of sorted.slice(1)) {
    if (min <= span.startMs && span.startMs <= max) {
      max = Math.max(span.endMs, max);
    } else {
      total += max - min;
      min = span.startMs;
      max = span.endMs;
    }
  }
  return total + (max - min);
}

/** `get_total_span_duration`: the sum of the spans' durations, in ms. */
export const totalSpanDuration = (spans: readonly DetectorSpan[]): number => spans.reduce((n, s) => n + (s.endMs - s.startMs), 0);

/** `get_span_evidence_value`: `op - description`, or whichever of the two there is. */
export function spanEvidence(span: DetectorSpan | undefined, includeOp = true): string {
  if (!span) return 'no value';
  const { op, description: desc } = span;
  if (!op && desc) return desc;
  if (!desc && op) return op;
  if (op && desc) return includeOp ? `${op} - ${desc}` : desc;
  return 'no value';
}

/** `get_notification_attachment_body`: the "Offending Spans" line. */
export function offendingSpansText(op: string | null, desc: string | null): string {
  if (op && desc) return `${op} - ${desc}`;
  return op || desc || 'no value';
}
