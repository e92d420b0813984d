/**
 * Web vitals as Sentry rates and scores them: each value is rated good / needs improvement / poor
 * on web.dev's thresholds (what Sentry's Web Vitals page colours by), and each turns into a 0–100
 * score on a log-normal curve through two control points (the value scoring 90 and the one
 * scoring 50), weighted into the page's Performance Score. A vital that was not measured leaves
 * the score, and the others' weights are scaled up to 100, as Sentry does since 2024.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/web-vitals-concepts/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/browser/webVitals/utils/scoreThresholds.tsx
 * @see https://web.dev/articles/vitals
 */

/** The vitals in the Performance Score, in Sentry's order. */
export const WEB_VITALS = ['lcp', 'fcp', 'inp', 'cls', 'ttfb'] as const;
export type WebVital = (typeof WEB_VITALS)[number];

/** Values of one page load (ms, CLS unitless); a vital not measured is absent. */
export type VitalValues = Partial<Record<WebVital, number>>;

export type VitalRating = 'good' | 'needs-improvement' | 'poor';

/** web.dev's thresholds: up to `good` is good, above `poor` is poor. */
export const VITAL_THRESHOLDS: Record<WebVital, { good: number; poor: number }> = {
  lcp: { good: 2500, poor: 4000 },
  fcp: { good: 1800, poor: 3000 },
  inp: { good: 200, poor: 500 },
  cls: { good: 0.1, poor: 0.25 },
  ttfb: { good: 800, poor: 1800 },
};

/** Sentry's `PERFORMANCE_SCORE_WEIGHTS` (they add up to 100). */
export const SCORE_WEIGHTS: Record<WebVital, number> = { lcp: 30, fcp: 15, inp: 30, cls: 15, ttfb: 10 };
/** Sentry's `PERFORMANCE_SCORE_P90S`: the value that scores 90. */
const SCORE_P90: Record<WebVital, number> = { lcp: 1200, fcp: 900, inp: 200, cls: 0.1, ttfb: 200 };
/** Sentry's `PERFORMANCE_SCORE_MEDIANS`: the value that scores 50. */
const SCORE_MEDIAN: Record<WebVital, number> = { lcp: 2400, fcp: 1600, inp: 500, cls: 0.25, ttfb: 400 };

export const VITAL_LABELS: Record<WebVital, string> = {
  lcp: 'Largest Contentful Paint', fcp: 'First Contentful Paint', inp: 'Interaction to Next Paint', cls: 'Cumulative Layout Shift',
  ttfb: 'Time to First Byte',
};

export const RATING_WORDS: Record<VitalRating, string> = { good: 'Good', 'needs-improvement': 'Meh', poor: 'Poor' };

export function rateVital(vital: WebVital, value: number): VitalRating {
  const t = VITAL_THRESHOLDS[vital];
  return value <= t.good ? 'good' : value <= t.poor ? 'needs-improvement' : 'poor';
}

/** Sentry's score bands: 90 and over good, 50 and over needs improvement. */
export function rateScore(score: number): VitalRating {
  return score >= 90 ? 'good' : score >= 50 ? 'needs-improvement' : 'poor';
}

/** erfc by Abramowitz and Stegun 7.1.26 (error under 1.5e-7), enough for a score rounded to a whole number. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = poly * Math.exp(-z * z);
  return x >= 0 ? r : 2 - r;
}

/** z of the standard normal's 90th percentile: the p90 control point lies this many sigmas under the median. */
const Z90 = 1.2815515655446004;

/**
 * One vital's score, 0–1: the share of a log-normal distribution (median at the 50-point value,
 * its 10th percentile at the 90-point one) lying above `value`.
 */
export function vitalScore(vital: WebVital, value: number): number {
  if (!(value > 0)) return 1;
  const median = SCORE_MEDIAN[vital];
  const sigma = (Math.log(median) - Math.log(SCORE_P90[vital])) / Z90;
  const standard = (Math.log(value) - Math.log(median)) / sigma;
  return erfc(standard / Math.SQRT2) / 2;
}

/** The Performance Score (0–100) of `values`, with each vital's part; null when none was measured. */
export function performanceScore(values: VitalValues): { total: number; parts: VitalValues } | null {
  let weightSum = 0;
  for (const v of WEB_VITALS) if (values[v] !== undefined) weightSum += SCORE_WEIGHTS[v];
  if (weightSum === 0) return null;
  const parts: VitalValues = {};
  let total = 0;
  for (const v of WEB_VITALS) {
    const value = values[v];
    if (value === undefined) continue;
    const part = (vitalScore(v, value) * SCORE_WEIGHTS[v] * 100) / weightSum;
    parts[v] = part;
    total += part;
  }
  return { total: Math.round(total), parts };
}

/** A vital's value as Sentry shows it: CLS to two decimals, times in ms under a second, else seconds. */
export function formatVital(vital: WebVital, value: number): string {
  if (vital === 'cls') return value.toFixed(2);
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** The value at percentile `p` (0–1) of `values`, interpolated between ranks (as ClickHouse's `quantile`); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
