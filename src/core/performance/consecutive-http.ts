/**
 * Sentry's consecutive HTTP detector (`ConsecutiveHTTPSpanDetector`, group type 1009 "Consecutive
 * HTTP"): at least `consecutiveCount` slow outgoing requests (each ≥ `spanDurationThresholdMs`),
 * one after another with less than `maxGapMs` between them, to fewer than 3 hosts, whose running in
 * parallel would save at least `minTimeSavedMs`. Backend and mobile transactions only: a browser
 * SDK's transaction is not read.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/detectors/consecutive_http_detector.py
 */
import type { SentryEvent } from '../../shared/sentry';
import type { DetectionContext, Detector, PerformanceProblem } from './types';
import type { DetectorSpan } from './span-view';
import { offendingSpansText, totalSpanDuration } from './span-time';
import { evidenceRow } from './evidence-format';
import { trimmedEvidence } from './slow-db-query';
import { fingerprintHttpSpans, hasObfuscatedHostname, parseUrl, urlFromSpan } from './url-parameterize';

/** Sentry's defaults (options `performance.issues.consecutive_http.*`). */
export const CONSECUTIVE_HTTP_SETTINGS = { spanDurationThresholdMs: 500, minTimeSavedMs: 2000, consecutiveCount: 3, maxGapMs: 500 };

/** Sentry's `is_event_from_browser_javascript_sdk`. */
const BROWSER_SDKS = new Set(['sentry.javascript.astro', 'sentry.javascript.browser', 'sentry.javascript.cloudflare', 'sentry.javascript.react',
  'sentry.javascript.gatsby', 'sentry.javascript.ember', 'sentry.javascript.vue', 'sentry.javascript.angular', 'sentry.javascript.angular-ivy',
  'sentry.javascript.nextjs', 'sentry.javascript.electron', 'sentry.javascript.remix', 'sentry.javascript.svelte', 'sentry.javascript.sveltekit']);

export const isBrowserSdkEvent = (event: SentryEvent): boolean => BROWSER_SDKS.has((event.sdk?.name ?? '').toLowerCase());

const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'];
const durationOf = (s: DetectorSpan): number => s.endMs - s.startMs;
const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);

export function consecutiveHttpDetector(ctx: DetectionContext, spans: readonly unknown[], settings = CONSECUTIVE_HTTP_SETTINGS): Detector {
  const problems = new Map<string, PerformanceProblem>();
  let run: DetectorSpan[] = [];
  // Calls an AI agent's tools make run one by one by design; read only when an HTTP span asks.
  let genAiSpanIds: Set<string> | null = null;
  const genAi = (): Set<string> => (genAiSpanIds ??= new Set(spans.flatMap((raw) => {
    const s = record(raw);
    return typeof s?.op === 'string' && s.op.startsWith('gen_ai.') && typeof s.span_id === 'string' ? [s.span_id] : [];
  })));

  function isEligible(span: DetectorSpan): boolean {
    const { op, description } = span;
    if (!span.spanId || !op || !description || !op.startsWith('http.client')) return false;
    if (span.parentSpanId && genAi().has(span.parentSpanId)) return false;
    const upper = description.toUpperCase();
    if (!METHODS.some((m) => upper.startsWith(m))) return false;
    if (['_next/static/', '_next/data/', 'googleapis.com'].some((x) => description.includes(x))) return false;
    return !hasObfuscatedHostname(span);
  }

  function maybeStore(): void {
    const first = run[0];
    if (!first || run.length < settings.consecutiveCount) return;
    const saved = totalSpanDuration(run) - Math.max(...run.map(durationOf));
    if (saved < settings.minTimeSavedMs) return;
    if (!run.every((s, i) => i === 0 || s.startMs - (run[i - 1]?.endMs ?? s.startMs) < settings.maxGapMs)) return;
    // Calls to many hosts are many services, not one API called call by call.
    if (new Set(run.map((s) => parseUrl(urlFromSpan(s)).netloc)).size >= 3) { run = []; return; }
    const fingerprint = `1-1009-${fingerprintHttpSpans(run)}`;
    const desc = first.description ?? '';
    const offenders = run.flatMap((s) => (s.spanId ? [s.spanId] : []));
    problems.set(fingerprint, {
      fingerprint, issueType: 'performance_consecutive_http', op: 'http', description: desc,
      parentSpanIds: [], causeSpanIds: [], offenderSpanIds: offenders,
      evidence: {
        transactionName: ctx.transactionName, parentSpan: null, repeatingSpans: trimmedEvidence(first),
        repeatingSpansCompact: trimmedEvidence(first, false), numRepeatingSpans: String(offenders.length),
      },
      offendingSpans: offendingSpansText('http', desc), totalDurationMs: totalSpanDuration(run),
      display: [
        evidenceRow('Transaction', ctx.transactionName),
        evidenceRow('Offending Spans', run.map((s) => s.description ?? '')),
      ],
    });
    run = [];
  }

  return {
    problems,
    visit(span) {
      // The duration first: cheaper than the URL checks, and both must hold.
      if (durationOf(span) < settings.spanDurationThresholdMs || !isEligible(span)) return;
      const last = run.at(-1);
      if (last && last.endMs > span.startMs) { maybeStore(); run = []; }
      run.push(span);
    },
    complete: maybeStore,
  };
}
