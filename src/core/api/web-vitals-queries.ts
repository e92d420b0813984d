/**
 * Sentry's Web Vitals page from the span blocks that hold a page name or vitals (migration 038's
 * partial index on their start): each trace is one page view, its vitals merged from its blocks
 * (a streamed page load sends LCP, CLS and INP as spans of their own, often in later envelopes),
 * grouped by page with each vital's p75 and the mean of the views' Performance Scores.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/browser/webVitals/
 */
import type { PageVitals, TraceVitals, WebVitalsReport } from '../../shared/api-web-vitals';
import { WEB_VITALS, percentile, performanceScore, type VitalValues, type WebVital } from '../../shared/web-vitals';
import type { DB } from '../store/db';
import { mergeVitals } from '../performance/web-vitals';

/**
 * Vitals blocks one report reads at most, the newest (about 50,000 page views): a bound on one
 * request's work, ~1–2 s on a loaded two-core machine (test/web-vitals-scale.test.ts).
 */
export const MAX_VITALS_BLOCKS = 100_000;
const MAX_PAGES = 100;

/** The period's blocks with vitals, newest first, through `span_blocks_vitals`. */
export const VITALS_BLOCKS_SQL = `SELECT project_id, trace_id, page_name, vitals FROM span_blocks INDEXED BY span_blocks_vitals
  WHERE vitals IS NOT NULL AND start_ms >= @from AND (@project IS NULL OR project_id = @project)
  ORDER BY start_ms DESC LIMIT ${MAX_VITALS_BLOCKS + 1}`;

interface VitalsRow { page_name: string | null; vitals: string | null }

function parseVitals(json: string | null): VitalValues {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const values: VitalValues = {};
    for (const v of WEB_VITALS) if (typeof parsed[v] === 'number') values[v] = parsed[v];
    return values;
  } catch { return {}; }
}

/** One page view's vitals from its blocks' columns. */
export function traceVitalsOf(rows: readonly { page_name: string | null; vitals: string | null }[]): TraceVitals | null {
  let page: string | null = null;
  const values: VitalValues = {};
  for (const r of rows) {
    page ??= r.page_name;
    mergeVitals(values, parseVitals(r.vitals));
  }
  if (page === null && Object.keys(values).length === 0) return null;
  return { page, values, score: performanceScore(values)?.total ?? null };
}

interface PageAcc { page: string; projectId: number; views: number; values: Record<WebVital, number[]>; scores: number[] }

const emptyValues = (): Record<WebVital, number[]> => ({ lcp: [], fcp: [], inp: [], cls: [], ttfb: [] });

function summarise(values: Record<WebVital, number[]>): { p75: VitalValues; counts: Partial<Record<WebVital, number>> } {
  const p75: VitalValues = {};
  const counts: Partial<Record<WebVital, number>> = {};
  for (const v of WEB_VITALS) {
    const p = percentile(values[v], 0.75);
    if (p !== null) { p75[v] = p; counts[v] = values[v].length; }
  }
  return { p75, counts };
}

const mean = (xs: readonly number[]): number | null => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export function webVitalsQueries(db: DB) {
  const blocks = db.prepare(VITALS_BLOCKS_SQL);
  const ofTrace = db.prepare('SELECT page_name, vitals FROM span_blocks WHERE trace_id IN (?, ?) AND vitals IS NOT NULL');

  /** `GET /web-vitals?hours=24&project=1`. */
  function report(q: { hours: number; project?: number; now?: number }): WebVitalsReport {
    const fromMs = (q.now ?? Date.now()) - q.hours * 3_600_000;
    // Rows as arrays ([project, trace, page, vitals]): 100,000 objects cost more than their reading.
    const rows = blocks.raw(true).all({ from: fromMs, project: q.project ?? null }) as [number, string | null, string | null, string][];
    const truncated = rows.length > MAX_VITALS_BLOCKS;
    // Page views by trace, each merged as its blocks are met; a view whose root has not arrived (no page) is left out of the pages.
    const views = new Map<string, { projectId: number; page: string | null; values: VitalValues }>();
    for (let i = 0; i < Math.min(rows.length, MAX_VITALS_BLOCKS); i++) {
      const [projectId, traceId, page, json] = rows[i]!;
      if (traceId === null) continue;
      // A trace is one page view (a browser starts one per page load and navigation); its vitals come from the browser's project.
      let view = views.get(traceId);
      if (!view) views.set(traceId, (view = { projectId, page: null, values: {} }));
      view.page ??= page;
      mergeVitals(view.values, parseVitals(json));
    }
    const pages = new Map<string, PageAcc>();
    const all = emptyValues();
    const allScores: number[] = [];
    let allViews = 0;
    for (const view of views.values()) {
      if (view.page === null) continue;
      const key = `${view.projectId}:${view.page}`;
      let acc = pages.get(key);
      if (!acc) pages.set(key, (acc = { page: view.page, projectId: view.projectId, views: 0, values: emptyValues(), scores: [] }));
      acc.views++;
      allViews++;
      for (const v of WEB_VITALS) {
        const value = view.values[v];
        if (value !== undefined) { acc.values[v].push(value); all[v].push(value); }
      }
      const score = performanceScore(view.values)?.total;
      if (score !== undefined) { acc.scores.push(score); allScores.push(score); }
    }
    const list: PageVitals[] = [...pages.values()].sort((a, b) => b.views - a.views || a.page.localeCompare(b.page)).slice(0, MAX_PAGES)
      .map((a) => ({ page: a.page, projectId: a.projectId, views: a.views, ...summarise(a.values), score: mean(a.scores) }));
    return { fromMs, hours: q.hours, pages: list, overall: { views: allViews, p75: summarise(all).p75, score: mean(allScores) }, truncated };
  }

  /** A trace's page view from its stored columns; null when none of its blocks holds either. */
  function trace(ids: readonly [string, string]): TraceVitals | null {
    return traceVitalsOf(ofTrace.all(...ids) as VitalsRow[]);
  }

  return { report, trace };
}
