import type { DB } from '../../src/core/store/db';
import { WEB_VITALS, percentile, performanceScore, type VitalValues, type WebVital } from '../../src/shared/web-vitals';

interface ExactPage { page: string; views: number; counts: Partial<Record<WebVital, number>>; p75: VitalValues; score: number | null }

/**
 * The Web Vitals report computed the slow, exact way, for tests to hold the aggregates to: every
 * block with vitals read, each trace one page view (its page from the first block naming one,
 * counted in the hour that block started; each vital its largest value), p75 from the sorted values.
 */
export function exactReport(db: DB, fromMs: number): { pages: ExactPage[]; overall: { views: number; p75: VitalValues; score: number | null } } {
  const views = new Map<string, { page: string | null; startMs: number; values: VitalValues }>();
  const rows = db.prepare('SELECT trace_id, page_name, vitals, start_ms FROM span_blocks WHERE vitals IS NOT NULL AND trace_id IS NOT NULL ORDER BY id')
    .raw(true).all() as [string, string | null, string, number][];
  for (const [trace, page, json, startMs] of rows) {
    let view = views.get(trace);
    if (!view) views.set(trace, (view = { page: null, startMs, values: {} }));
    if (view.page === null && page !== null) { view.page = page; view.startMs = startMs; }
    const values = JSON.parse(json) as VitalValues;
    for (const v of WEB_VITALS) {
      const value = values[v];
      if (value !== undefined) view.values[v] = Math.max(view.values[v] ?? value, value);
    }
  }
  const byPage = new Map<string, { values: Record<WebVital, number[]>; scores: number[]; views: number }>();
  const all = { values: { lcp: [], fcp: [], inp: [], cls: [], ttfb: [] } as Record<WebVital, number[]>, scores: [] as number[], views: 0 };
  for (const view of views.values()) {
    if (view.page === null || Math.floor(view.startMs / 3_600_000) * 3_600_000 < fromMs) continue;
    let acc = byPage.get(view.page);
    if (!acc) byPage.set(view.page, (acc = { values: { lcp: [], fcp: [], inp: [], cls: [], ttfb: [] }, scores: [], views: 0 }));
    const score = performanceScore(view.values)?.total;
    for (const target of [acc, all]) {
      target.views++;
      for (const v of WEB_VITALS) if (view.values[v] !== undefined) target.values[v].push(view.values[v]);
      if (score !== undefined) target.scores.push(score);
    }
  }
  const summary = (acc: typeof all) => {
    const p75: VitalValues = {};
    const counts: Partial<Record<WebVital, number>> = {};
    for (const v of WEB_VITALS) {
      const p = percentile(acc.values[v], 0.75);
      if (p !== null) { p75[v] = p; counts[v] = acc.values[v].length; }
    }
    const score = acc.scores.length ? Math.round(acc.scores.reduce((a, b) => a + b, 0) / acc.scores.length) : null;
    return { p75, counts, score, views: acc.views };
  };
  const pages = [...byPage].map(([page, acc]) => ({ page, ...summary(acc) }))
    .sort((a, b) => b.views - a.views || a.page.localeCompare(b.page));
  const overall = summary(all);
  return { pages, overall: { views: overall.views, p75: overall.p75, score: overall.score } };
}
