/**
 * Sentry's large HTTP payload detector (`LargeHTTPPayloadDetector`, group type 1015 "Large HTTP
 * payload"): an `http*` span of at least `minimumSpanDurationMs` whose response body
 * (`data["http.response_content_length"]`) is over `payloadSizeThreshold` bytes. Static assets
 * (a file extension other than `.json`) and prefetches are left out.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/large_http_payload_detector.py
 */
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText } from './span-time';
import { byteCount, evidenceRow, formatBytes, spanRowValue } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';
import { fingerprintHttpSpans } from './url-parameterize';

/** Sentry's defaults: option `performance.issues.large_http_payload.size_threshold` (300 000 B), 100 ms, no filtered paths. */
export const LARGE_HTTP_PAYLOAD_SETTINGS = { payloadSizeThreshold: 300_000, minimumSpanDurationMs: 100, filteredPaths: [] as string[] };

/** A file extension at the end of the URL, before any query (Sentry's `EXTENSION_REGEX`). */
export const EXTENSION = /\.([a-zA-Z0-9]+)\/?(?!\/)(\?.*)?$/;

function isEligible(span: DetectorSpan, settings: typeof LARGE_HTTP_PAYLOAD_SETTINGS): boolean {
  const { op, description } = span;
  if (!span.spanId || !op || !description || !op.startsWith('http')) return false;
  if (span.endMs - span.startMs < settings.minimumSpanDurationMs) return false;
  const extension = EXTENSION.exec(description.trim().toUpperCase())?.[1];
  if (extension !== undefined && extension !== 'JSON') return false;
  if (description.includes('_next/static/') || description.includes('_next/data/')) return false;
  if (span.data?.['http.request.prefetch']) return false;
  return !settings.filteredPaths.some((path) => description.includes(path));
}

export function largeHttpPayloadDetector(ctx: DetectionContext, settings = LARGE_HTTP_PAYLOAD_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  return {
    problems,
    visit(span) {
      // The size first: most spans carry none, and both must hold.
      const size = byteCount(span.data, 'http.response_content_length');
      if (size === null || size <= settings.payloadSizeThreshold || !span.spanId || !isEligible(span, settings)) return;
      const fingerprint = `1-1015-${fingerprintHttpSpans([span])}`;
      const desc = span.description ?? '';
      problems.set(fingerprint, {
        fingerprint, issueType: 'performance_large_http_payload', op: 'http', description: desc,
        parentSpanIds: [], causeSpanIds: [], offenderSpanIds: [span.spanId],
        evidence: {
          transactionName: ctx.transactionName, parentSpan: null, repeatingSpans: trimmedEvidence(span),
          repeatingSpansCompact: trimmedEvidence(span, false), numRepeatingSpans: '1',
        },
        offendingSpans: offendingSpansText('http', desc), totalDurationMs: span.endMs - span.startMs,
        display: [
          evidenceRow('Transaction', ctx.transactionName),
          evidenceRow('Large HTTP Payload Span', spanRowValue(span)),
          evidenceRow('Payload Size', formatBytes(size)),
        ],
      });
    },
    complete() { /* each span is judged alone */ },
  };
}
