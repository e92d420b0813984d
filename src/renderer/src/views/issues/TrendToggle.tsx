import { useStore } from '../../store';
import { navigate } from '../../routing/navigation';
import { TREND_PERIODS } from '../../../../shared/api-issue-history';
import '../detail/issue-chart.css';

/**
 * The trend column's head: Sentry's issue stream "Graph: 24h | 14d". The choice is kept in the
 * list's URL (`#/issues?trend=14d`), so Back, reload and a pasted link keep it.
 */
export function TrendToggle() {
  const filters = useStore((s) => s.filters);
  const current = filters.trend ?? '24h';
  return (
    <span className="col-head col-graph trend-toggle" role="group" aria-label="Trend period">
      {TREND_PERIODS.map((period) => (
        <button key={period} type="button" className={current === period ? 'active' : ''} aria-pressed={current === period}
          data-testid={`trend-${period}`} title={period === '24h' ? 'Events per hour, last 24 hours' : 'Events per UTC day, last 14 days'}
          onClick={() => navigate({ name: 'issues', filters: { ...filters, trend: period === '14d' ? '14d' : undefined } })}>
          {period}
        </button>
      ))}
    </span>
  );
}
