import type { OutcomeKind, OutcomeStats, OutcomeTotal, ProjectOutcomeTotal, RejectedTotal } from '../../shared/api-stats';
import { STATS_MAX_HOURS } from '../../shared/api-stats';
import type { DB } from '../store/db';
import { HttpError, intParam } from './http-util';
import { DEFAULT_SETTINGS } from './settings';
import type { Router } from './router';

const HOUR_MS = 3600_000;

/**
 * Sentry's Stats over the last `hours` (the current hour included): what each category had
 * accepted and lost by outcome and reason, from the hourly `outcome_counts` (migration 029), and
 * the requests Lookout refused (`envelopes` through its partial index `envelopes_rejected`; at most
 * the last 1,000 are kept, see envelope-writer.ts).
 * @see https://docs.sentry.io/product/stats/
 */
export function outcomeStats(db: DB, q: { hours: number; project?: number; now?: number; keptDays?: number }): OutcomeStats {
  const until = q.now ?? Date.now();
  const since = until - (until % HOUR_MS) - (q.hours - 1) * HOUR_MS;
  const project = q.project ?? null;
  const outcomes = db.prepare(`SELECT outcome, category, reason, SUM(quantity) AS quantity, MIN(first_ms) AS firstMs, MAX(last_ms) AS lastMs
    FROM outcome_counts WHERE hour >= ? AND (? IS NULL OR project_id = ?)
    GROUP BY outcome, category, reason ORDER BY outcome = 'accepted' DESC, quantity DESC`)
    .all(since, project, project) as (OutcomeTotal & { outcome: OutcomeKind })[];
  // Which project accepted or lost what: the Issues notice names the app that dropped, Stats breaks "All projects" down.
  const byProject = project !== null ? [] : db.prepare(`SELECT project_id AS projectId, outcome, category, reason, SUM(quantity) AS quantity,
    MIN(first_ms) AS firstMs, MAX(last_ms) AS lastMs FROM outcome_counts WHERE hour >= ?
    GROUP BY project_id, outcome, category, reason ORDER BY quantity DESC`).all(since) as ProjectOutcomeTotal[];
  // The outcome as a literal, so the partial index serves it; `received` is checked on its few rows.
  const rejected = db.prepare(`SELECT status, ifnull(reason, '') AS reason, COUNT(*) AS count, MAX(received) AS lastMs
    FROM envelopes WHERE outcome = 'rejected' AND received >= ? AND (? IS NULL OR project_id = ?)
    GROUP BY status, reason ORDER BY count DESC`).all(since, project, project) as RejectedTotal[];
  // The primary key starts with the hour: its first entry, one seek.
  const oldestHourMs = db.prepare('SELECT hour FROM outcome_counts ORDER BY hour LIMIT 1').pluck().get() as number | undefined;
  return { since, until, hours: q.hours, project, outcomes, byProject, rejected, keptDays: q.keptDays ?? DEFAULT_SETTINGS.retention.maxAgeDays, oldestHourMs: oldestHourMs ?? null };
}

/**
 * `GET /stats?hours=24&project=1` (hours 1 to 2160, 24 by default). `keptDays` reads the retention
 * in force (settings and flags), which prunes these counts with the events (store/retention.ts).
 */
export function statsRoutes(r: Router, db: DB, keptDays: () => number): void {
  r.on('GET', /^\/stats$/, ({ url }) => {
    const p = url.searchParams;
    const project = p.get('project');
    if (project !== null && !/^\d{1,15}$/.test(project)) throw new HttpError(400, `project ${JSON.stringify(project)} is not a number`);
    return outcomeStats(db, { hours: intParam(p.get('hours'), 24, 1, STATS_MAX_HOURS), project: project === null ? undefined : Number(project),
      keptDays: keptDays() });
  });
}
