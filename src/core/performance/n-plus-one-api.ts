/**
 * Sentry's N+1 API calls detector (`NPlusOneAPICallsDetector`, group type 1010 "N+1 API Call"):
 * at least `count` `GET` requests to the same parameterised URL under one parent, each started
 * within `concurrencyMs` of the previous, together at least `totalDurationMs`. Only frontend
 * transactions are read (no `contexts.trace.op`, or navigation/pageload/ui.load/ui.action).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/n_plus_one_api_calls_detector.py
 */
import type { Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText, spanEvidence, totalSpanDuration } from './span-time';
import { fingerprintHttpSpans, isFilteredUrl, parameterizeUrl, parameterizeUrlWithParams, parseUrl, urlFromSpan } from './url-parameterize';

/** Sentry's defaults (`get_detection_settings`; `performance.issues.n_plus_one_api_calls.total_duration`). */
export const N_PLUS_ONE_API_SETTINGS = { count: 5, concurrencyMs: 15, totalDurationMs: 300, allowedOps: ['http.client'] };

const FRONTEND_OPS = new Set(['navigation', 'pageload', 'ui.load', 'ui.action']);
const ASSET_EXTENSIONS = new Set(['.js', '.css', '.svg', '.png', '.mp3', '.jpg', '.jpeg']);

export const isApiEventEligible = (traceOp: string | null): boolean => !traceOp || FRONTEND_OPS.has(traceOp);

/** Python's `os.path.splitext(path)[1]`: the last dot of the last segment, unless it leads the name. */
function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.slice(0, dot).replace(/\./g, '') !== '' ? name.slice(dot) : '';
}

function isEligible(span: DetectorSpan): boolean {
  const description = span.description;
  // Sentry also asks for a span hash here; every span has one in Lookout (`span-view.ts`), so none is computed.
  if (!span.spanId || !span.op || !description) return false;
  if (description.trim().slice(0, 3).toUpperCase() !== 'GET') return false;
  const url = urlFromSpan(span);
  // GraphQL bodies, Next.js build ids and error overlays, feature-flag SDKs: repeats no one can fix.
  if (url.includes('graphql') || url.includes('_next/data') || url.includes('__nextjs_original-stack-frame')) return false;
  if (url.includes('https://app.launchdarkly.com/sdk/') || !url || isFilteredUrl(url)) return false;
  if (ASSET_EXTENSIONS.has(extensionOf(parseUrl(url).path))) return false;
  return !span.data?.['http.request.prefetch'];
}

export function nPlusOneApiDetector(transactionName: string, settings = N_PLUS_ONE_API_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  let spans: DetectorSpan[] = [];
  // The last span's parameterised URL once computed: each span's is compared with the next one's.
  let lastParameterized: string | undefined;
  const parameterized = (span: DetectorSpan) => parameterizeUrl(urlFromSpan(span));

  function parameters(): { query: string[]; path: string[] } {
    const results = spans.map((s) => parameterizeUrlWithParams(urlFromSpan(s)));
    const query = new Map<string, string[]>();
    for (const r of results) for (const [k, v] of r.queryParams) query.set(k, [...(query.get(k) ?? []), ...v]);
    const path = [...new Set(results.filter((r) => r.pathParams.length > 0).map((r) => r.pathParams.join(', ')))];
    return { query: [...new Set([...query].map(([k, v]) => `${k}: ${v.join(', ')}`))], path };
  }

  function maybeStore(): void {
    const first = spans[0];
    const last = spans.at(-1);
    if (!first || !last || spans.length < settings.count) return;
    const total = totalSpanDuration(spans);
    if (total < settings.totalDurationMs) return;
    const firstUrl = urlFromSpan(first);
    // An URL with nothing to parameterise would make one issue per endpoint and value.
    if (parameterizeUrl(firstUrl) === firstUrl) return;
    const fingerprint = `1-1010-${fingerprintHttpSpans([first])}`;
    if (problems.has(fingerprint)) return;
    const offenders = spans.flatMap((s) => (s.spanId ? [s.spanId] : []));
    let desc = parameterized(first);
    if (desc === '') desc = commonPrefix(spans.map((s) => s.description ?? ''));
    const params = parameters();
    problems.set(fingerprint, {
      fingerprint, issueType: 'performance_n_plus_one_api_calls', op: last.op ?? '', description: desc,
      parentSpanIds: last.parentSpanId ? [last.parentSpanId] : [], causeSpanIds: [], offenderSpanIds: offenders,
      evidence: {
        transactionName, parentSpan: null, repeatingSpans: parseUrl(firstUrl).path, repeatingSpansCompact: spanEvidence(first, false),
        numRepeatingSpans: offenders.length ? String(offenders.length) : '', parameters: params.query, pathParameters: params.path,
      },
      offendingSpans: offendingSpansText(last.op, desc), totalDurationMs: total,
    });
  }

  return {
    problems,
    visit(span) {
      if (span.op === null || !settings.allowedOps.includes(span.op) || !isEligible(span)) return;
      const previous = spans.at(-1);
      let current: string | undefined;
      if (previous && Math.abs(previous.startMs - span.startMs) < settings.concurrencyMs && previous.parentSpanId === span.parentSpanId) {
        lastParameterized ??= parameterized(previous);
        current = parameterized(span);
        if (lastParameterized === current) { spans.push(span); return; }
      }
      if (previous) maybeStore();
      spans = [span];
      lastParameterized = current;
    },
    complete() { maybeStore(); spans = []; lastParameterized = undefined; },
  };
}

function commonPrefix(values: string[]): string {
  const [head = '', ...rest] = values;
  let n = head.length;
  for (const v of rest) while (n > 0 && !v.startsWith(head.slice(0, n))) n--;
  return head.slice(0, n);
}
