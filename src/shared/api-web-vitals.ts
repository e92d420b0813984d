/**
 * The read API's web vitals (`GET /web-vitals`, and `vitals` on a trace): Sentry's Web Vitals page,
 * pages by their transaction name with the 75th percentile of each vital and their Performance Score.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
import type { VitalValues, WebVital } from './web-vitals';

/** One page view's vitals (a trace's page load or navigation) with its Performance Score. */
export interface TraceVitals {
  /** The page (transaction name: its route, else its URL path with identifiers as `*`); null when its root span has not arrived. */
  page: string | null;
  values: VitalValues;
  /** 0–100, over the vitals measured; null when none was. */
  score: number | null;
}

/** A page's vitals over the period. */
export interface PageVitals {
  page: string;
  projectId: number;
  /** Page views (traces) of the page in the period. */
  views: number;
  /** The 75th percentile of each vital over the views that measured it. */
  p75: VitalValues;
  /** How many views measured each vital. */
  counts: Partial<Record<WebVital, number>>;
  /** The mean of its views' Performance Scores (Sentry scores each page load, then averages); null when none had a vital. */
  score: number | null;
}

export interface WebVitalsReport {
  /** The period's start (the hour `hours` before now: the report counts whole hours), epoch ms, and its length asked. */
  fromMs: number;
  hours: number;
  /** Pages, most viewed first (at most 100). */
  pages: PageVitals[];
  /** Every page view of the period together, as Sentry's project score ring. */
  overall: { views: number; p75: VitalValues; score: number | null };
  /**
   * The p75 figures are estimates, read from value buckets (within 0.5%), because the period holds
   * more page views than the report reads one by one (5,000); false: exact, from the values sent.
   */
  estimated: boolean;
}
