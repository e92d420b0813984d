/**
 * Exact 75th percentiles for a period with few page views: the Web Vitals report reads each
 * vital's p75 from log buckets (vital-histogram.ts, within 0.5%), which showed an LCP of 416 ms
 * sent as 418 ms and a CLS of 0.0741 as 0.0739. While the period holds at most
 * {@link EXACT_VIEWS_LIMIT} page views, the report reads their stored values instead (migration
 * 040's `web_vital_views`, by migration 044's index on the hour) and interpolates between ranks as
 * the histogram does, so one sample reads back as sent; beyond, it stays an estimate and says so.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
import { WEB_VITALS, percentile, type VitalValues, type WebVital } from '../../shared/web-vitals';
import type { DB } from '../store/db';
import { parseVitals } from '../store/web-vital-aggregates';

/** Up to this many page views in a period, their values are read (a few ms); beyond, the buckets answer. */
export const EXACT_VIEWS_LIMIT = 5000;

/** One page's values by vital, gathered from its views. */
export type PageSamples = Map<WebVital, number[]>;

/** Each vital's p75 and how many views measured it, from the values themselves. */
export function exactSummary(samples: PageSamples): { p75: VitalValues; counts: Partial<Record<WebVital, number>> } {
  const p75: VitalValues = {};
  const counts: Partial<Record<WebVital, number>> = {};
  for (const v of WEB_VITALS) {
    const values = samples.get(v);
    const p = values ? percentile(values, 0.75) : null;
    if (p !== null && values) { p75[v] = p; counts[v] = values.length; }
  }
  return { p75, counts };
}

/** The period's page views, by `project:page` key, with `all` for every view together. */
export interface PeriodSamples { pages: Map<string, PageSamples>; all: PageSamples }

/** Reads the stored values of every named page view from `fromMs` on (one project, or all when null). */
export function periodSamplesReader(db: DB): (fromMs: number, project: number | null) => PeriodSamples {
  const views = db.prepare(`SELECT project_id, page, vitals FROM web_vital_views
    WHERE hour >= @from AND page IS NOT NULL AND (@project IS NULL OR project_id = @project)`).raw(true);
  return (fromMs, project) => {
    const pages = new Map<string, PageSamples>();
    const all: PageSamples = new Map();
    const add = (into: PageSamples, vital: WebVital, value: number) => {
      const list = into.get(vital);
      if (list) list.push(value);
      else into.set(vital, [value]);
    };
    for (const [projectId, page, vitals] of views.all({ from: fromMs, project }) as [number, string, string][]) {
      const key = `${projectId}:${page}`;
      let samples = pages.get(key);
      if (!samples) pages.set(key, (samples = new Map()));
      const values = parseVitals(vitals);
      for (const v of WEB_VITALS) {
        const value = values[v];
        if (value === undefined) continue;
        add(samples, v, value);
        add(all, v, value);
      }
    }
    return { pages, all };
  };
}
