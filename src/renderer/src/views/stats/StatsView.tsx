import { useId, useState, type ReactNode } from 'react';
import type { OutcomeStats, OutcomeTotal } from '../../../../shared/api-stats';
import { STATS_WINDOWS } from '../../../../shared/api-stats';
import { RelativeTime } from '../../components/RelativeTime';
import { absoluteTime } from '../../lib/format';
import { categoryLabel, quantityText, reasonText } from '../../lib/outcome-text';
import { hrefOf, navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { ProjectTable } from './ProjectTable';
import { useOutcomeStats } from './use-outcome-stats';

const WINDOW_LABELS: Record<number, string> = { 1: '1 hour', 24: '24 hours', 168: '7 days', 720: '30 days' };
const OUTCOME_LABELS: Record<string, string> = {
  client_discard: 'Dropped by the SDK', invalid: 'Invalid (dropped by Lookout)', rate_limited: 'Rate limited (relay)', filtered: 'Filtered (relay)', filtered_sampling: 'Sampled out (relay)',
};

const n = (v: number) => v.toLocaleString('en-US');

/** Per category: accepted, and lost (every outcome but accepted), the most first. */
function byCategory(outcomes: OutcomeTotal[]): { category: string; accepted: number; lost: number }[] {
  const rows = new Map<string, { category: string; accepted: number; lost: number }>();
  for (const o of outcomes) {
    const row = rows.get(o.category) ?? { category: o.category, accepted: 0, lost: 0 };
    if (o.outcome === 'accepted') row.accepted += o.quantity;
    else row.lost += o.quantity;
    rows.set(o.category, row);
  }
  return [...rows.values()].sort((a, b) => b.accepted + b.lost - (a.accepted + a.lost));
}

function CategoryTable({ stats }: { stats: OutcomeStats }) {
  const rows = byCategory(stats.outcomes);
  return (
    <table className="cron-table stats-table" data-testid="stats-categories">
      <thead><tr><th>Category</th><th className="num">Accepted</th><th className="num">Dropped</th><th className="num">Dropped share</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.category} data-testid="stats-category" data-category={r.category}>
            <td>{categoryLabel(r.category)}</td>
            <td className="num" data-testid="stats-accepted">{quantityText(r.category, r.accepted)}</td>
            <td className="num" data-testid="stats-dropped">{quantityText(r.category, r.lost)}</td>
            <td className="num">{r.lost === 0 ? '—' : `${Math.round((r.lost / (r.accepted + r.lost)) * 1000) / 10} %`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LossTable({ losses }: { losses: OutcomeTotal[] }) {
  return (
    <table className="cron-table stats-table" data-testid="stats-losses">
      <thead><tr><th>Category</th><th>Outcome</th><th>Reason</th><th className="num">Quantity</th><th>Last</th><th>What it means</th></tr></thead>
      <tbody>
        {losses.map((o) => {
          const text = reasonText(o.reason);
          return (
            <tr key={`${o.outcome}/${o.category}/${o.reason}`} data-testid="stats-loss" data-reason={o.reason}>
              <td>{categoryLabel(o.category, o.quantity)}</td>
              <td className="nowrap">{OUTCOME_LABELS[o.outcome] ?? o.outcome}{text.onPurpose && o.outcome === 'client_discard' ? <span className="muted small"> (on purpose)</span> : null}</td>
              <td><code className="mono">{o.reason || '—'}</code></td>
              <td className="num" data-testid="stats-loss-quantity">{quantityText(o.category, o.quantity)}</td>
              <td className="nowrap"><RelativeTime ms={o.lastMs} /></td>
              <td className="stats-advice">{o.outcome === 'client_discard' || o.outcome === 'invalid' ? text.advice : 'A relay between the SDK and Lookout reported it.'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RejectedTable({ stats }: { stats: OutcomeStats }) {
  return (
    <table className="cron-table stats-table" data-testid="stats-rejected">
      <thead><tr><th>Status</th><th>Reason</th><th className="num">Requests</th><th>Last</th></tr></thead>
      <tbody>
        {stats.rejected.map((r) => (
          <tr key={`${r.status}/${r.reason}`}>
            <td className="mono">{r.status}</td><td>{r.reason || '—'}</td><td className="num">{n(r.count)}</td>
            <td className="nowrap"><RelativeTime ms={r.lastMs} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Which period the counts cover: the window from its first whole hour, and how long counts are kept
 * (the events' retention, which prunes them). A window longer than what is kept, or than what was
 * ever counted, says from when it really counts.
 */
function CoveredPeriod({ stats }: { stats: OutcomeStats }) {
  const from = stats.oldestHourMs !== null && stats.oldestHourMs > stats.since ? stats.oldestHourMs : stats.since;
  const days = `${stats.keptDays.toLocaleString('en-US')} day${stats.keptDays === 1 ? '' : 's'}`;
  return (
    <p className="muted small" data-testid="stats-period">
      Covers {absoluteTime(from)} to now{from > stats.since ? ' (nothing older is counted)' : ''}. Counts are kept {days}, as long as events
      (<a href={hrefOf({ name: 'settings' })}>Settings</a>, “Delete after (days)”): older hours are pruned with them.
    </p>
  );
}

/**
 * A card whose table scrolls sideways in a narrow window: a Tab stop named by its heading, so the
 * arrow keys scroll it (WCAG 2.1.1; a scrolling region is otherwise out of the keyboard's reach).
 */
function StatsCard({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" tabIndex={0} aria-labelledby={headingId} data-testid="stats-card">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * Sentry's Stats page for this machine: per data category what Lookout accepted and what was lost
 * before it (the SDKs' client reports, by reason), and the requests Lookout refused itself.
 * @see https://docs.sentry.io/product/stats/
 */
export function StatsView({ hours }: { hours: number }) {
  const projects = useStore((s) => s.projects);
  const [project, setProject] = useState<number | undefined>(undefined);
  const { stats, error } = useOutcomeStats(hours, project, 'all');
  const losses = stats?.outcomes.filter((o) => o.outcome !== 'accepted') ?? [];
  const nameOf = (id: number): string => projects.find((p) => p.id === id)?.name ?? `project ${id}`;
  return (
    <div className="view stats-view">
      <header className="view-head">
        <h1>Stats</h1>
        <div className="segmented" role="group" aria-label="Window">
          {STATS_WINDOWS.map((h) => (
            <button key={h} type="button" className={h === hours ? 'active' : ''} aria-pressed={h === hours} data-testid={`stats-window-${h}`}
              onClick={() => navigate({ name: 'stats', hours: h }, { replace: true })}>{WINDOW_LABELS[h]}</button>
          ))}
        </div>
        <select aria-label="Project" value={project ?? ''} data-testid="stats-project"
          onChange={(e) => setProject(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </header>
      <p className="muted small">
        What reached Lookout and what was lost before it, per data category, over the last {WINDOW_LABELS[hours] ?? `${hours} hours`}.
        SDKs count what they drop and send it in client reports, so a loss shows once the app sends its next report (at its next send, flush or exit).
      </p>
      {stats && <CoveredPeriod stats={stats} />}
      {error && <div className="error-box" role="alert">Could not load stats: {error}</div>}
      {stats && stats.outcomes.length === 0 && stats.rejected.length === 0 && <div className="empty" data-testid="stats-empty"><p>Nothing received in this window.</p></div>}
      {stats && stats.outcomes.length > 0 && (
        <StatsCard title="By category"><CategoryTable stats={stats} /></StatsCard>
      )}
      {stats && project === undefined && stats.byProject.length > 0 && (
        <StatsCard title="By project"><ProjectTable stats={stats} nameOf={nameOf} /></StatsCard>
      )}
      {losses.length > 0 && (
        <StatsCard title="Dropped, by reason"><LossTable losses={losses} /></StatsCard>
      )}
      {stats && stats.rejected.length > 0 && (
        <StatsCard title="Refused by Lookout">
          <RejectedTable stats={stats} />
          <p className="muted small">Each request is listed under <a href={hrefOf({ name: 'stream', kind: 'rejected' })}>Stream → Rejected</a>.</p>
        </StatsCard>
      )}
    </div>
  );
}
