import { useEffect, useState } from 'react';
import type { PageVitals, WebVitalsReport } from '../../../../shared/api-web-vitals';
import { WEB_VITALS, formatVital, rateScore, rateVital, type VitalValues, type WebVital } from '../../../../shared/web-vitals';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { hrefOf, navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { RatingWord } from './VitalsBlock';
import '../../components/sr-only.css';
import './web-vitals.css';

/** How many page views the server reads one by one (performance/vital-exact.ts EXACT_VIEWS_LIMIT). */
const EXACT_VIEWS_TEXT = '5,000';

const PERIODS = [{ hours: 24, label: 'Last 24 hours' }, { hours: 168, label: 'Last 7 days' }, { hours: 720, label: 'Last 30 days' }];

function VitalCell({ vital, values, count, estimated }: { vital: WebVital; values: VitalValues; count: number | undefined; estimated: boolean }) {
  const value = values[vital];
  if (value === undefined) return <td className="muted" data-testid={`p75-${vital}`}>—</td>;
  const rating = rateVital(vital, value);
  const views = `${count ?? 0} page view${count === 1 ? '' : 's'}`;
  return (
    <td className={`rating-${rating}`} data-testid={`p75-${vital}`} data-rating={rating} data-estimated={estimated}
      title={estimated ? `p75 of ${views}, estimated from value buckets (within 0.5%)` : `p75 of ${views}, exact`}>
      {/* "≈" says the figure is an estimate; the words are for a screen reader. */}
      {estimated && <span aria-hidden="true">≈</span>}<span className="mono">{formatVital(vital, value)}</span>
      {estimated && <span className="sr-only"> (estimate)</span>}<RatingWord rating={rating} />
    </td>
  );
}

function PageRow({ page, project, estimated }: { page: PageVitals; project: string | null; estimated: boolean }) {
  return (
    <tr data-testid="web-vitals-page" data-page={page.page}>
      <td>
        <a href={hrefOf({ name: 'traces', project: page.projectId, query: page.page })} data-testid="web-vitals-page-name">{page.page}</a>
        {project && <span className="muted small"> · {project}</span>}
      </td>
      <td className="mono">{page.views.toLocaleString()}</td>
      {WEB_VITALS.map((v) => <VitalCell key={v} vital={v} values={page.p75} count={page.counts[v]} estimated={estimated} />)}
      <td data-testid="page-score" className={page.score !== null ? `rating-${rateScore(page.score)}` : 'muted'}>
        {page.score !== null ? <><span className="mono">{page.score}</span><RatingWord rating={rateScore(page.score)} /></> : '—'}
      </td>
    </tr>
  );
}

/**
 * `#/traces?view=vitals`: Sentry's Web Vitals page — each page (transaction name) with the 75th
 * percentile of each vital over the period and its Performance Score, the whole app's above.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
export function WebVitalsView({ project, hours }: { project?: number; hours: number }) {
  const [report, setReport] = useState<WebVitalsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const version = useStore((s) => s.tracesVersion);
  const names = useProjectNames();
  useEffect(() => {
    let cancelled = false;
    api().webVitals({ hours, ...(project !== undefined ? { project } : {}) })
      .then((r) => { if (!cancelled) { setReport(r); setError(null); } })
      .catch((err: unknown) => { if (!cancelled) setError(messageOf(err)); });
    return () => { cancelled = true; };
  }, [project, hours, version]);

  return (
    <div data-testid="web-vitals-view">
      <div className="filters-row">
        <select aria-label="Period" value={hours} data-testid="web-vitals-period"
          onChange={(e) => navigate({ name: 'traces', project, view: 'vitals', hours: Number(e.target.value) }, { replace: true })}>
          {PERIODS.map((p) => <option key={p.hours} value={p.hours}>{p.label}</option>)}
        </select>
        {report && report.overall.score !== null && (
          <span data-testid="web-vitals-overall" className={`rating-${rateScore(report.overall.score)}`}>
            Performance score <strong className="mono">{report.overall.score}</strong> <RatingWord rating={rateScore(report.overall.score)} />
            <span className="muted small"> over {report.overall.views.toLocaleString()} page view{report.overall.views === 1 ? '' : 's'}</span>
          </span>
        )}
      </div>
      {error && <div className="error-box" role="alert">Could not load web vitals: {error}</div>}
      {report && report.pages.length === 0 && (
        <div className="empty" data-testid="web-vitals-empty">
          <p>No page load with web vitals in this period. Add <code className="mono">Sentry.browserTracingIntegration()</code> to
            the browser SDK with <code className="mono">tracesSampleRate</code> set; INP and CLS arrive when the page is hidden or left.</p>
        </div>
      )}
      {report && report.pages.length > 0 && (
        <table className="web-vitals-table" data-testid="web-vitals-table">
          <thead>
            <tr><th>Page</th><th>Page views</th>{WEB_VITALS.map((v) => <th key={v}>{v.toUpperCase()} p75</th>)}<th>Score</th></tr>
          </thead>
          <tbody>{report.pages.map((p) => (
            <PageRow key={`${p.projectId}:${p.page}`} page={p} project={names.get(p.projectId) ?? null} estimated={report.estimated} />
          ))}</tbody>
        </table>
      )}
      {report && report.pages.length > 0 && (
        <p className="muted small" data-testid="web-vitals-precision">
          {report.estimated
            ? `p75 figures marked ≈ are estimates, read from value buckets (within 0.5%): this period holds more page views than are read one by one (${EXACT_VIEWS_TEXT}).`
            : 'p75 figures are exact, read from the values the SDK sent.'}
        </p>
      )}
    </div>
  );
}
