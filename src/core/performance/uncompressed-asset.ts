/**
 * Sentry's uncompressed asset detector (`UncompressedAssetSpanDetector`, group type 1012
 * "Uncompressed Asset"): a stylesheet or script (`resource.css` / `resource.script`) fetched from
 * the network (not a cache) whose encoded and decoded sizes are equal, of at least
 * `sizeThresholdBytes`, taking more than `durationThresholdMs` — on a page where some other asset
 * was compressed (so the server can compress). Major browsers only: others may not ask for it.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/uncompressed_asset_detector.py
 */
import type { SentryEvent } from '../../shared/sentry';
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import { offendingSpansText } from './span-time';
import { byteCount, durationImpact, evidenceRow, formatBytes, spanRowValue } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';
import { fingerprintResourceSpan } from './resource-fingerprint';
import { EXTENSION } from './large-http-payload';

/** Sentry's defaults (options `performance.issues.uncompressed_asset.*`: 500 KiB, 300 ms). */
export const UNCOMPRESSED_ASSET_SETTINGS = { sizeThresholdBytes: 500 * 1024, durationThresholdMs: 300, allowedOps: ['resource.css', 'resource.script'] };

const EXTENSIONS = new Set(['CSS', 'JSON', 'JS']);
const MAJOR_BROWSERS = new Set(['chrome', 'firefox', 'safari', 'edge']);

/** The `browser.name` tag (Lookout derives it from `contexts.browser`, as Sentry does), else the browser context's name. */
function browserName(event: SentryEvent): string {
  const tag = Array.isArray(event.tags) ? event.tags.find((t) => Array.isArray(t) && t[0] === 'browser.name')?.[1] : undefined;
  const context = event.contexts?.browser?.name;
  return typeof tag === 'string' ? tag : typeof context === 'string' ? context : '';
}

export const isUncompressedAssetEventEligible = (event: SentryEvent): boolean => MAJOR_BROWSERS.has(browserName(event).toLowerCase());

export function uncompressedAssetDetector(ctx: DetectionContext, settings = UNCOMPRESSED_ASSET_SETTINGS): Detector {
  let problems = new Map<string, PerformanceProblem>();
  let anyCompression = false;
  return {
    get problems() { return problems; },
    visit(span) {
      const { op, data } = span;
      if (!op || !settings.allowedOps.includes(op)) return;
      // Sentence-style keys are what older browser SDKs sent.
      const transfer = byteCount(data, 'http.response_transfer_size', 'Transfer Size');
      const encoded = byteCount(data, 'http.response_content_length', 'Encoded Body Size');
      const decoded = byteCount(data, 'http.decoded_response_content_length', 'Decoded Body Size');
      if (transfer === null || encoded === null || decoded === null) return;
      // From a cache: nothing transferred, or a 304 smaller than the asset.
      if (transfer <= 0 || transfer < encoded) return;
      if (encoded !== decoded) { anyCompression = true; return; }
      if (encoded < settings.sizeThresholdBytes) return;
      const description = span.description ?? '';
      const extension = EXTENSION.exec(description.trim().toUpperCase())?.[1];
      if (extension !== undefined && !EXTENSIONS.has(extension)) return;
      const durationMs = span.endMs - span.startMs;
      if (durationMs <= settings.durationThresholdMs) return;
      const fingerprint = `1-1012-${fingerprintResourceSpan(description)}`;
      if (problems.has(fingerprint) || !span.spanId) return;
      const impact = durationImpact(durationMs, ctx.transactionMs);
      problems.set(fingerprint, {
        fingerprint, issueType: 'performance_uncompressed_assets', op, description,
        parentSpanIds: [], causeSpanIds: [], offenderSpanIds: [span.spanId],
        evidence: {
          transactionName: ctx.transactionName, parentSpan: null, repeatingSpans: trimmedEvidence(span),
          repeatingSpansCompact: trimmedEvidence(span, false), numRepeatingSpans: '1',
        },
        offendingSpans: offendingSpansText(op, description), totalDurationMs: durationMs,
        display: [
          evidenceRow('Transaction', ctx.transactionName),
          evidenceRow('Slow Resource Span', spanRowValue(span)),
          evidenceRow('Asset Size', formatBytes(encoded)),
          ...(impact ? [evidenceRow('Duration Impact', impact)] : []),
        ],
      });
    },
    complete() {
      // Only a page that got some asset compressed shows its server could compress this one.
      if (!anyCompression) problems = new Map();
    },
  };
}
