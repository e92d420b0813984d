import type { OutcomeStats, ProjectOutcomeTotal } from '../../../../shared/api-stats';
import { categoryLabel, isByteCategory } from '../../lib/outcome-text';

const n = (v: number) => v.toLocaleString('en-US');

export interface ProjectRow {
  projectId: number;
  accepted: number;
  lost: number;
  /** Its largest loss: what it is and how many. */
  topLoss: ProjectOutcomeTotal | null;
}

/**
 * Per project: items accepted and lost (every outcome but accepted), the most first. Byte
 * categories (attachments and logs by size) do not add up with items and are left out.
 */
export function projectRows(byProject: readonly ProjectOutcomeTotal[]): ProjectRow[] {
  const rows = new Map<number, ProjectRow>();
  for (const o of byProject) {
    if (isByteCategory(o.category)) continue;
    const row = rows.get(o.projectId) ?? { projectId: o.projectId, accepted: 0, lost: 0, topLoss: null };
    if (o.outcome === 'accepted') row.accepted += o.quantity;
    else {
      row.lost += o.quantity;
      if (!row.topLoss || o.quantity > row.topLoss.quantity) row.topLoss = o;
    }
    rows.set(o.projectId, row);
  }
  return [...rows.values()].sort((a, b) => b.lost - a.lost || b.accepted - a.accepted);
}

/**
 * "All projects" broken down by project, as Sentry's Stats page lists its projects: which app sent
 * what, and which one lost it.
 * @see https://docs.sentry.io/product/stats/
 */
export function ProjectTable({ stats, nameOf }: { stats: OutcomeStats; nameOf: (id: number) => string }) {
  const rows = projectRows(stats.byProject);
  if (rows.length === 0) return null;
  return (
    <table className="cron-table stats-table" data-testid="stats-projects">
      <thead><tr><th>Project</th><th className="num">Accepted</th><th className="num">Dropped</th><th className="num">Dropped share</th><th>Most dropped</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.projectId} data-testid="stats-project-row" data-project-id={r.projectId}>
            <td>{nameOf(r.projectId)}</td>
            <td className="num" data-testid="stats-project-accepted">{n(r.accepted)}</td>
            <td className="num" data-testid="stats-project-dropped">{n(r.lost)}</td>
            <td className="num">{r.lost === 0 ? '—' : `${Math.round((r.lost / (r.accepted + r.lost)) * 1000) / 10} %`}</td>
            <td>{r.topLoss ? <>{n(r.topLoss.quantity)} {categoryLabel(r.topLoss.category, r.topLoss.quantity)} <code className="mono">{r.topLoss.reason || r.topLoss.outcome}</code></> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
