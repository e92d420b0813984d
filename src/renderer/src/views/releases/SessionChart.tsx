import type { SessionHour } from '../../../../shared/api-releases';
import { SESSION_OUTCOMES } from '../../../../shared/api-releases';
import { absoluteTime } from '../../lib/format';
import { OUTCOME_LABELS } from './release-format';
import { HOUR_MS, sessionAxisTicks, sessionWindow } from './session-window';

const total = (h: SessionHour) => SESSION_OUTCOMES.reduce((n, o) => n + h[o], 0);
const HOUR_LABEL = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY_LABEL = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * Sessions per hour, each bar stacked by how its sessions ended (plain elements, no markup from
 * data), over at least the last 24 hours of the release, with a time axis below.
 */
export function SessionChart({ hours }: { hours: SessionHour[] }) {
  if (hours.length === 0) return <p className="muted small" data-testid="release-chart-empty">No sessions in this release.</p>;
  const window = sessionWindow(hours);
  const max = Math.max(1, ...window.map(total));
  const first = window[0]!.hour;
  const end = window[window.length - 1]!.hour + HOUR_MS;
  return (
    <figure className="session-chart" data-testid="release-chart">
      <div className="session-bars" role="img" aria-label={`Sessions per hour over ${window.length} hours, ${absoluteTime(first)} to ${absoluteTime(end)}`}>
        {window.map((h) => (
          <div key={h.hour} className="session-bar" title={`${absoluteTime(h.hour)}: ${SESSION_OUTCOMES.map((o) => `${h[o]} ${OUTCOME_LABELS[o].toLowerCase()}`).join(', ')}`}
            data-testid="release-chart-hour" data-total={total(h)}>
            {SESSION_OUTCOMES.map((o) => h[o] > 0 && (
              <span key={o} className={`session-part outcome-${o}`} style={{ height: `${(h[o] / max) * 100}%` }} />
            ))}
          </div>
        ))}
      </div>
      {/* Positioned labels: each tick sits under the start of its hour's bar. */}
      <div className="session-axis muted small" aria-hidden="true" data-testid="release-chart-axis"
        style={{ position: 'relative', height: '1.4em', marginTop: 2 }}>
        {sessionAxisTicks(window).map((t) => (
          <span key={t.hour} data-testid="release-chart-tick" style={{ position: 'absolute', left: `${t.at * 100}%`, whiteSpace: 'nowrap', fontWeight: t.newDay ? 600 : undefined }}>
            {t.newDay ? DAY_LABEL.format(t.hour) : HOUR_LABEL.format(t.hour)}
          </span>
        ))}
      </div>
      <figcaption className="session-legend">
        {SESSION_OUTCOMES.map((o) => <span key={o}><i className={`session-swatch outcome-${o}`} aria-hidden="true" />{OUTCOME_LABELS[o]}</span>)}
        <span className="muted" data-testid="release-chart-range">{absoluteTime(first)} – {absoluteTime(end)}</span>
      </figcaption>
    </figure>
  );
}
