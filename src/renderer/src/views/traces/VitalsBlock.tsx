import type { TraceVitals } from '../../../../shared/api-web-vitals';
import { RATING_WORDS, VITAL_LABELS, WEB_VITALS, formatVital, rateScore, rateVital, type VitalRating } from '../../../../shared/web-vitals';
import './web-vitals.css';

/** The rating as a word with its mark: the colour repeats it, never replaces it. */
export function RatingWord({ rating }: { rating: VitalRating }) {
  return <span className="vital-rating" data-testid="vital-rating">{RATING_WORDS[rating]}</span>;
}

/**
 * A page view's web vitals as Sentry's trace header shows them: its Performance Score, then each
 * vital measured with its value and rating (good / meh / poor on web.dev's thresholds).
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
export function VitalsBlock({ vitals }: { vitals: TraceVitals }) {
  const measured = WEB_VITALS.filter((v) => vitals.values[v] !== undefined);
  if (measured.length === 0 && vitals.score === null) return null;
  return (
    <section className="vitals-block" aria-label="Web vitals" data-testid="trace-vitals">
      {vitals.score !== null && (
        <div className={`vital-chip vital-score rating-${rateScore(vitals.score)}`} data-testid="vital-score" data-rating={rateScore(vitals.score)}
          title="Sentry's Performance Score: each vital scored 0–100 and weighted (LCP 30, INP 30, FCP 15, CLS 15, TTFB 10) over those measured">
          <span className="vital-name">Performance score</span>
          <span className="vital-value" data-testid="vital-value">{vitals.score}</span>
          <RatingWord rating={rateScore(vitals.score)} />
        </div>
      )}
      {measured.map((v) => {
        const value = vitals.values[v]!;
        const rating = rateVital(v, value);
        return (
          <div key={v} className={`vital-chip rating-${rating}`} data-testid={`vital-${v}`} data-rating={rating} title={VITAL_LABELS[v]}>
            <span className="vital-name">{v.toUpperCase()}</span>
            <span className="vital-value" data-testid="vital-value">{formatVital(v, value)}</span>
            <RatingWord rating={rating} />
          </div>
        );
      })}
    </section>
  );
}
