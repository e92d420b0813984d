/**
 * Sentry's render-blocking asset detector (`RenderBlockingAssetSpanDetector`, group type 1004
 * "Large Render Blocking Asset"): on a page load whose first contentful paint took 2–10 s, a
 * stylesheet or script (`resource.link` / `resource.script`) loaded before the paint, of at least
 * `minimumSizeBytes`, that alone took more than a third of the time to the paint.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/render_blocking_asset_span_detector.py
 */
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { toEpochMs } from '../ingest/timestamps';
import { offendingSpansText } from './span-time';
import { byteCount, durationImpact, evidenceRow, fcpDelay, spanRowValue } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';
import { fingerprintResourceSpan } from './resource-fingerprint';

/** Sentry's defaults (options `performance.issues.render_blocking_assets.*`; the 1 GB ceiling is fixed). */
export const RENDER_BLOCKING_SETTINGS = { fcpMinimumMs: 2000, fcpMaximumMs: 10_000, fcpRatio: 0.33, minimumSizeBytes: 500_000, maximumSizeBytes: 1_000_000_000 };

const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);

/** The transaction's first contentful paint in ms (`measurements.fcp`, in milliseconds), when within the range Sentry reads. */
export function readFcpMs(ctx: DetectionContext, settings = RENDER_BLOCKING_SETTINGS): number | null {
  const fcp = record(ctx.event.measurements?.fcp);
  const value = fcp?.value;
  if (typeof value !== 'number' || value === 0 || (fcp?.unit !== undefined && fcp.unit !== 'millisecond')) return null;
  return value >= settings.fcpMinimumMs && value < settings.fcpMaximumMs ? value : null;
}

export function renderBlockingAssetDetector(ctx: DetectionContext, settings = RENDER_BLOCKING_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  let fcpMs = readFcpMs(ctx, settings);
  const transactionStart = toEpochMs(ctx.event.start_timestamp) ?? 0;

  function isBlockingRender(span: DetectorSpan, fcp: number): boolean {
    if (span.data?.['resource.render_blocking_status'] === 'non-blocking') return false;
    if (span.endMs >= transactionStart + fcp) return false;
    const size = byteCount(span.data, 'http.response_content_length') ?? 0;
    if (size < settings.minimumSizeBytes || size > settings.maximumSizeBytes) return false;
    return (span.endMs - span.startMs) / fcp > settings.fcpRatio;
  }

  return {
    problems,
    visit(span) {
      const { op } = span;
      if (fcpMs === null || (op !== 'resource.link' && op !== 'resource.script')) return;
      if (isBlockingRender(span, fcpMs) && span.spanId) {
        const fingerprint = `1-1004-${fingerprintResourceSpan(span.description)}`;
        const durationMs = span.endMs - span.startMs;
        const impact = durationImpact(durationMs, ctx.transactionMs);
        problems.set(fingerprint, {
          fingerprint, issueType: 'performance_render_blocking_asset_span', op, description: span.description ?? '',
          parentSpanIds: [], causeSpanIds: [], offenderSpanIds: [span.spanId],
          evidence: {
            transactionName: ctx.transactionName, parentSpan: null, repeatingSpans: trimmedEvidence(span),
            repeatingSpansCompact: trimmedEvidence(span, false), numRepeatingSpans: '1',
          },
          offendingSpans: offendingSpansText(op, span.description ?? ''), totalDurationMs: durationMs,
          display: [
            evidenceRow('Transaction', ctx.transactionName),
            evidenceRow('Slow Resource Span', spanRowValue(span)),
            evidenceRow('FCP Delay', fcpDelay(durationMs, fcpMs)),
            ...(impact ? [evidenceRow('Duration Impact', impact)] : []),
          ],
        });
      }
      // Spans are read in start order: one starting after the paint means no later one blocked it.
      if (span.startMs >= transactionStart + fcpMs) fcpMs = null;
    },
    complete() { /* nothing pending */ },
  };
}
