import type { TrendPeriod } from '../../../../shared/api-issue-history';
import { utcDayLabel } from '../../lib/issue-trend';

const PERIOD_TEXT: Record<TrendPeriod, string> = { '24h': 'the last 24 hours', '14d': 'the last 14 days' };

/**
 * Bars of an issue's trend (oldest first) as inline SVG, heights relative to the busiest bar:
 * 24 hours, or 14 UTC days (`dayStarts`: each bar's day, named in its tooltip and `data-day`).
 */
export function Sparkline({ values, period = '24h', dayStarts, width = 96, height = 26 }: {
  values: unknown; period?: TrendPeriod; dayStarts?: readonly number[]; width?: number; height?: number;
}) {
  const slots = period === '14d' ? 14 : 24;
  const counts = Array.isArray(values) ? values.slice(-slots).map((v) => (typeof v === 'number' && v > 0 ? v : 0)) : [];
  const max = Math.max(1, ...counts);
  const slot = width / Math.max(slots, counts.length);
  const total = counts.reduce((a, b) => a + b, 0);
  const summary = `${total} event${total === 1 ? '' : 's'} in ${PERIOD_TEXT[period]}`;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={summary} data-testid="issue-sparkline" data-period={period}>
      <title>{summary}</title>
      <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} className="sparkline-base" />
      {counts.map((c, i) => {
        const h = c === 0 ? 0 : Math.max(2, (c / max) * (height - 2));
        const day = dayStarts?.[i];
        return (
          <rect key={i} x={i * slot + 0.5} y={height - h} width={Math.max(1, slot - 1.5)} height={h} rx="1" className="sparkline-bar"
            data-count={c} {...(day !== undefined ? { 'data-day': new Date(day).toISOString().slice(0, 10) } : {})}>
            {day !== undefined && <title>{`${utcDayLabel(day)} (UTC): ${c} event${c === 1 ? '' : 's'}`}</title>}
          </rect>
        );
      })}
    </svg>
  );
}
