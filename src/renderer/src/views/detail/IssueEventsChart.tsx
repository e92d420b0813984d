import { useState, type KeyboardEvent } from 'react';
import { HISTORY_PERIODS, HOUR_MS, type HistoryBucket, type HistoryPeriod, type IssueHistory } from '../../../../shared/api-issue-history';
import type { IssueSummary } from '../../../../shared/api-types';
import { absoluteTime, countOf, hourLabel } from '../../lib/format';
import { utcDayLabel } from '../../lib/issue-trend';
import { navigate, useRoute } from '../../routing/navigation';
import { useIssueHistory } from './use-issue-history';
import './issue-chart.css';

const PERIOD_LABEL: Record<HistoryPeriod, string> = { '24h': '24h', '7d': '7d', '14d': '14d', '30d': '30d', all: 'All' };
const PERIOD_TEXT: Record<HistoryPeriod, string> = {
  '24h': 'the last 24 hours', '7d': 'the last 7 days', '14d': 'the last 14 days', '30d': 'the last 30 days', all: 'all time',
};
const PERIOD_KEY = 'lookout.issueChartPeriod';
/** Drawing units of one bar's slot; the SVG stretches to the card's width. */
const SLOT = 10;
const HEIGHT = 60;

function savedPeriod(): HistoryPeriod {
  try {
    const saved = window.localStorage.getItem(PERIOD_KEY);
    return HISTORY_PERIODS.find((p) => p === saved) ?? '14d';
  } catch { return '14d'; }
}

/** A bucket's time: hours in local time (a UTC hour is the same hour here), days as UTC dates (so they are). */
function bucketLabel(history: IssueHistory, bucket: HistoryBucket): string {
  if (history.bucketMs === HOUR_MS) {
    return hourLabel(bucket.start);
  }
  const days = Math.round(history.bucketMs / 86_400_000);
  const from = utcDayLabel(bucket.start);
  return days === 1 ? `${from} (UTC)` : `${from} – ${utcDayLabel(bucket.start + history.bucketMs - 1)} (UTC)`;
}

function bucketText(history: IssueHistory, bucket: HistoryBucket): string {
  const users = bucket.users !== undefined ? `, ${countOf(bucket.users, 'user')}` : '';
  return `${bucketLabel(history, bucket)}: ${countOf(bucket.count, 'event')}${users}`;
}

/** Where a time falls across the chart, as a fraction of its width; null outside it. */
function position(history: IssueHistory, ms: number): number | null {
  const start = history.buckets[0]?.start ?? history.end;
  if (ms < start || ms > history.end) return null;
  return (ms - start) / (history.end - start);
}

/**
 * The issue's events over time, as Sentry's issue page charts them: bars per hour or UTC day over
 * a chosen period, the users of each bar (from the stored events), first and last seen marked.
 * Arrow keys walk the bars and read each one out. The period is the link's (`#/issues/12?period=7d`),
 * else the last one picked (kept in localStorage); a pick goes into both, so a copied link reopens it.
 * https://docs.sentry.io/product/issues/issue-details/
 */
export function IssueEventsChart({ issue }: { issue: Pick<IssueSummary, 'id' | 'count'> }) {
  const route = useRoute();
  const [picked, setPicked] = useState<HistoryPeriod>(savedPeriod);
  const period = (route.name === 'issue' ? route.period : undefined) ?? picked;
  const { history, error } = useIssueHistory(issue.id, period);
  const [active, setActive] = useState<number | null>(null);
  const pick = (p: HistoryPeriod): void => {
    setPicked(p);
    setActive(null);
    try { window.localStorage.setItem(PERIOD_KEY, p); } catch { /* private mode: the choice lasts this page */ }
    if (route.name === 'issue') navigate({ ...route, period: p }, { replace: true });
  };
  const buckets = history?.buckets ?? [];
  const activeBucket = active !== null ? buckets[Math.min(active, buckets.length - 1)] : undefined;
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));

  const onKey = (e: KeyboardEvent): void => {
    if (buckets.length === 0) return;
    const last = buckets.length - 1;
    const current = active === null ? last + 1 : Math.min(active, last);
    const next = e.key === 'ArrowLeft' ? Math.max(0, current - 1) : e.key === 'ArrowRight' ? Math.min(last, active === null ? last : current + 1)
      : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
  };

  const width = Math.max(1, buckets.length) * SLOT;
  const first = history ? position(history, history.firstSeen) : null;
  const lastSeen = history ? position(history, history.lastSeen) : null;
  return (
    <section className="issue-chart" data-testid="issue-chart" aria-label="Events over time">
      <div className="issue-chart-head">
        <span className="issue-chart-title">Events</span>
        <span className="issue-chart-total muted" data-testid="issue-chart-total">{history ? `${countOf(total, 'event')} in ${PERIOD_TEXT[period]}` : ''}</span>
        <div className="segmented segmented-small" role="group" aria-label="Chart period">
          {HISTORY_PERIODS.map((p) => (
            <button key={p} type="button" className={period === p ? 'active' : ''} aria-pressed={period === p}
              data-testid={`history-period-${p}`} onClick={() => pick(p)}>{PERIOD_LABEL[p]}</button>
          ))}
        </div>
      </div>
      <div className="issue-chart-plot" tabIndex={0} role="group" data-testid="issue-chart-plot"
        aria-label={`Events per ${history?.bucketMs === HOUR_MS ? 'hour' : 'day'}, ${PERIOD_TEXT[period]}. Arrow keys read each bar.`}
        aria-describedby="issue-chart-readout" onKeyDown={onKey} onMouseLeave={() => setActive(null)}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" className="issue-chart-svg" aria-hidden="true">
          {buckets.map((b, i) => {
            const h = b.count === 0 ? 0 : Math.max(1.5, (b.count / max) * (HEIGHT - 2));
            const u = b.users ? Math.max(1, (Math.min(b.users, b.count) / max) * (HEIGHT - 2)) : 0;
            return (
              <g key={b.start} className={i === active ? 'is-active' : ''} data-testid="issue-chart-bar" data-start={new Date(b.start).toISOString()}
                data-count={b.count} {...(b.users !== undefined ? { 'data-users': b.users } : {})} onMouseEnter={() => setActive(i)}>
                <title>{history ? bucketText(history, b) : ''}</title>
                <rect x={i * SLOT} y={0} width={SLOT} height={HEIGHT} className="issue-chart-hit" />
                <rect x={i * SLOT + 1} y={HEIGHT - h} width={SLOT - 2} height={h} className="issue-chart-bar" />
                {u > 0 && <rect x={i * SLOT + 3} y={HEIGHT - u} width={SLOT - 6} height={u} className="issue-chart-users" />}
              </g>
            );
          })}
          {first !== null && <line x1={first * width} x2={first * width} y1={0} y2={HEIGHT} className="issue-chart-mark mark-first" data-testid="first-seen-mark" />}
          {lastSeen !== null && <line x1={lastSeen * width} x2={lastSeen * width} y1={0} y2={HEIGHT} className="issue-chart-mark mark-last" data-testid="last-seen-mark" />}
        </svg>
      </div>
      <div className="issue-chart-axis muted" aria-hidden="true">
        <span>{history && buckets[0] ? bucketLabel(history, buckets[0]) : ''}</span>
        <span>{history && buckets.length > 1 ? bucketLabel(history, buckets[buckets.length - 1]!) : ''}</span>
      </div>
      <div className="issue-chart-foot">
        <span id="issue-chart-readout" className="issue-chart-readout" aria-live="polite" data-testid="issue-chart-readout">
          {error ? `Could not read the history: ${error}` : history && activeBucket ? bucketText(history, activeBucket)
            : history && total === 0 ? `No events in ${PERIOD_TEXT[period]}` : ''}
        </span>
        <span className="issue-chart-legend muted">
          <span className="legend-events">events</span>
          {history?.usersCounted === false ? <span title="Users are counted from the stored events; this period holds too many to count quickly">users not counted (too many events)</span>
            : <span className="legend-users">users</span>}
          {history && <span className="legend-first" title={absoluteTime(history.firstSeen)}>first seen{first === null ? ' (before this period)' : ''}</span>}
          {history && <span className="legend-last" title={absoluteTime(history.lastSeen)}>last seen</span>}
        </span>
      </div>
    </section>
  );
}
