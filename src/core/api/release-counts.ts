import type { DB } from '../store/db';
import { healthKey } from './release-health';

export interface IssueCounts { events: number; newIssues: number; regressions: number }

/**
 * Issues that regressed in `release`: each `regressed` entry of the issues' activity names the
 * release it came back in, so an issue that regressed in 1.1 and again in 1.2 counts in both (its
 * `regressed_release` keeps only the latest). Issues from before the activity (migration 018) count
 * by that column. Both sides seek an index (`issue_activity_regressed`, migration 036).
 * @see https://docs.sentry.io/product/releases/release-details/ (Regressions)
 */
export const REGRESSED_IDS = `SELECT a.issue_id AS id FROM issue_activity a
    WHERE a.kind = 'regressed' AND json_extract(a.data, '$.release') = @release
  UNION SELECT id FROM issues WHERE regressed_release = @release AND project_id = @project`;

/**
 * A release's events in its issues in one environment, from the events themselves (the issues' `release`
 * tag counts cover every environment): a seek of `events_release_environment` (migration 036).
 */
export const EVENTS_IN_ENVIRONMENT = `SELECT COUNT(*) FROM events
  WHERE project_id = @project AND release = @release AND environment = @environment AND issue_id IS NOT NULL`;

/** Per (project, release): error events (in `environment` when given), new issues and regressions. */
export function issueCounts(db: DB, rows: readonly { project_id: number; release: string }[], environment?: string): Map<string, IssueCounts> {
  const out = new Map<string, IssueCounts>();
  const events = environment === undefined
    ? db.prepare(`SELECT SUM(t.count) FROM issue_tags t JOIN issues i ON i.id = t.issue_id
        WHERE t.key = 'release' AND t.value = @release AND i.project_id = @project`).pluck()
    : db.prepare(EVENTS_IN_ENVIRONMENT).pluck();
  const fresh = db.prepare('SELECT COUNT(*) FROM issues WHERE first_release = @release AND project_id = @project').pluck();
  const regressed = db.prepare(`SELECT COUNT(*) FROM (${REGRESSED_IDS}) r JOIN issues i ON i.id = r.id WHERE i.project_id = @project`).pluck();
  for (const r of rows) {
    const at = { project: r.project_id, release: r.release };
    out.set(healthKey(r.project_id, r.release), {
      events: (events.get(environment === undefined ? at : { ...at, environment }) as number | null) ?? 0,
      newIssues: fresh.get(at) as number,
      regressions: regressed.get(at) as number,
    });
  }
  return out;
}
