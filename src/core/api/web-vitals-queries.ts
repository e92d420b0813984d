/**
 * Sentry's Web Vitals page from migration 040's aggregates: per project and page, the page views of
 * each hour and UTC day with their score sum and a log-bucket histogram of each vital
 * (store/web-vital-aggregates.ts, kept at ingest). A period is read as the hours up to its first
 * whole day, then whole days: ~ pages × days rows, whatever the traffic. Each vital's p75 comes
 * from the summed buckets, within performance/vital-histogram.ts's RELATIVE_ERROR (0.5%) of the
 * p75 of the views' values, or, while the period holds at most EXACT_VIEWS_LIMIT views, from their
 * stored values, exact (performance/vital-exact.ts; `estimated` says which); the score is the mean
 * of the views' Performance Scores, exact.
 * A trace's own vitals are still read from its blocks' columns.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/browser/webVitals/
 */
import type { PageVitals, TraceVitals, WebVitalsReport } from '../../shared/api-web-vitals';
import { WEB_VITALS, performanceScore, type VitalValues, type WebVital } from '../../shared/web-vitals';
import type { DB } from '../store/db';
import { mergeVitals } from '../performance/web-vitals';
import { addEncoded, addHistogram, emptyHistogram, histogramPercentile, type VitalHistogram } from '../performance/vital-histogram';
import { EXACT_VIEWS_LIMIT, exactSummary, periodSamplesReader, type PeriodSamples } from '../performance/vital-exact';
import { DAY_MS, HOUR_MS, parseVitals } from '../store/web-vital-aggregates';

const MAX_PAGES = 100;

/** The aggregate rows of a period: its hours before its first whole UTC day, then its days (the current one included). */
export const PERIOD_ROWS_SQL = `SELECT project_id, page, views, score_sum, scored, histogram FROM web_vital_hours
    WHERE hour >= @from AND hour < @firstDay AND (@project IS NULL OR project_id = @project)
  UNION ALL SELECT project_id, page, views, score_sum, scored, histogram FROM web_vital_days
    WHERE day >= @firstDay AND (@project IS NULL OR project_id = @project)`;

interface VitalsRow { page_name: string | null; vitals: string | null }

/** One page view's vitals from its blocks' columns. */
export function traceVitalsOf(rows: readonly VitalsRow[]): TraceVitals | null {
  let page: string | null = null;
  const values: VitalValues = {};
  for (const r of rows) {
    page ??= r.page_name;
    mergeVitals(values, parseVitals(r.vitals));
  }
  if (page === null && Object.keys(values).length === 0) return null;
  return { page, values, score: performanceScore(values)?.total ?? null };
}

interface Totals { views: number; scoreSum: number; scored: number; histogram: VitalHistogram }

function summarise(histogram: VitalHistogram): { p75: VitalValues; counts: Partial<Record<WebVital, number>> } {
  const p75: VitalValues = {};
  const counts: Partial<Record<WebVital, number>> = {};
  for (const v of WEB_VITALS) {
    const p = histogramPercentile(histogram[v], 0.75);
    if (p !== null) { p75[v] = p; counts[v] = histogram[v].total; }
  }
  return { p75, counts };
}

const meanScore = (t: Totals): number | null => (t.scored > 0 ? Math.round(t.scoreSum / t.scored) : null);

export function webVitalsQueries(db: DB) {
  const periodRows = db.prepare(PERIOD_ROWS_SQL).raw(true);
  const samplesOf = periodSamplesReader(db);
  const ofTrace = db.prepare('SELECT page_name, vitals FROM span_blocks WHERE trace_id IN (?, ?) AND vitals IS NOT NULL');

  /** `GET /web-vitals?hours=24&project=1`: the period starts at the hour `hours` before now. */
  function report(q: { hours: number; project?: number; now?: number }): WebVitalsReport {
    const fromMs = Math.floor(((q.now ?? Date.now()) - q.hours * HOUR_MS) / HOUR_MS) * HOUR_MS;
    const firstDay = Math.ceil(fromMs / DAY_MS) * DAY_MS;
    const rows = periodRows.all({ from: fromMs, firstDay, project: q.project ?? null }) as [number, string, number, number, number, Buffer][];
    const pages = new Map<string, Totals & { page: string; projectId: number }>();
    for (const [projectId, page, views, scoreSum, scored, histogram] of rows) {
      const key = `${projectId}:${page}`;
      let acc = pages.get(key);
      if (!acc) pages.set(key, (acc = { page, projectId, views: 0, scoreSum: 0, scored: 0, histogram: emptyHistogram() }));
      acc.views += views;
      acc.scoreSum += scoreSum;
      acc.scored += scored;
      addEncoded(acc.histogram, histogram);
    }
    const all: Totals = { views: 0, scoreSum: 0, scored: 0, histogram: emptyHistogram() };
    for (const acc of pages.values()) {
      all.views += acc.views;
      all.scoreSum += acc.scoreSum;
      all.scored += acc.scored;
      addHistogram(all.histogram, acc.histogram);
    }
    // Few views: their values, exact (one sample reads back as sent); many: the buckets' estimate.
    const exact: PeriodSamples | null = all.views <= EXACT_VIEWS_LIMIT ? samplesOf(fromMs, q.project ?? null) : null;
    const figures = (key: string, histogram: VitalHistogram) => {
      const samples = exact?.pages.get(key);
      return exact ? exactSummary(samples ?? new Map()) : summarise(histogram);
    };
    const list: PageVitals[] = [...pages.values()].sort((a, b) => b.views - a.views || a.page.localeCompare(b.page)).slice(0, MAX_PAGES)
      .map((a) => ({ page: a.page, projectId: a.projectId, views: a.views, ...figures(`${a.projectId}:${a.page}`, a.histogram), score: meanScore(a) }));
    const overallP75 = exact ? exactSummary(exact.all).p75 : summarise(all.histogram).p75;
    return {
      fromMs, hours: q.hours, pages: list, overall: { views: all.views, p75: overallP75, score: meanScore(all) }, estimated: exact === null,
    };
  }

  /** A trace's page view from its stored columns; null when none of its blocks holds either. */
  function trace(ids: readonly [string, string]): TraceVitals | null {
    return traceVitalsOf(ofTrace.all(...ids) as VitalsRow[]);
  }

  return { report, trace };
}
