import type { SessionHour } from '../../../../shared/api-releases';
import { SESSION_OUTCOMES } from '../../../../shared/api-releases';
import { absoluteTime } from '../../lib/format';
import { OUTCOME_LABELS } from './release-format';

const total = (h: SessionHour) => SESSION_OUTCOMES.reduce((n, o) => n + h[o], 0);

/** Sessions per hour, each bar stacked by how its sessions ended (plain elements, no markup from data). */
export function SessionChart({ hours }: { hours: SessionHour[] }) {
  if (hours.length === 0) return <p className="muted small" data-testid="release-chart-empty">No sessions in this release.</p>;
  const max = Math.max(1, ...hours.map(total));
  return (
    <figure className="session-chart" data-testid="release-chart">
      <div className="session-bars" role="img" aria-label={`Sessions per hour over ${hours.length} hours`}>
        {hours.map((h) => (
          <div key={h.hour} className="session-bar" title={`${absoluteTime(h.hour)}: ${SESSION_OUTCOMES.map((o) => `${h[o]} ${OUTCOME_LABELS[o].toLowerCase()}`).join(', ')}`}
            data-testid="release-chart-hour" data-total={total(h)}>
            {SESSION_OUTCOMES.map((o) => h[o] > 0 && (
              <span key={o} className={`session-part outcome-${o}`} style={{ height: `${(h[o] / max) * 100}%` }} />
            ))}
          </div>
        ))}
      </div>
      <figcaption className="session-legend">
        {SESSION_OUTCOMES.map((o) => <span key={o}><i className={`session-swatch outcome-${o}`} aria-hidden="true" />{OUTCOME_LABELS[o]}</span>)}
        <span className="muted">{absoluteTime(hours[0]!.hour)} – {absoluteTime(hours[hours.length - 1]!.hour)}</span>
      </figcaption>
    </figure>
  );
}
