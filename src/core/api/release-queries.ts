import type { ReleaseDetail, ReleaseIssue, ReleaseList, ReleaseQuery, ReleaseSummary } from '../../shared/api-releases';
import type { DB } from '../store/db';
import { issueCounts, REGRESSED_IDS } from './release-counts';
import { decodeCursor, encodeCursor } from './release-cursor';
import { healthKey, noSessions, sessionHealth, sessionHours } from './release-health';

/** Hours of the release page's chart: a week. */
export const CHART_HOURS = 168;
const ISSUES_MAX = 100;

interface SeenRow { project_id: number; release: string; first_seen: number; last_seen: number; environments: string }

/**
 * The releases of `release_environments` (migration 031) in scope, last seen first: one row per
 * (project, release) with the environments it was seen in.
 */
function seenReleases(db: DB, q: ReleaseQuery & { version?: string }, limit = q.limit ?? 100): SeenRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (q.project !== undefined) { where.push('project_id = @project'); params.project = q.project; }
  if (q.version !== undefined) { where.push('release = @version'); params.version = q.version; }
  if (q.environment !== undefined) { where.push('environment = @environment'); params.environment = q.environment; }
  if (q.query) { where.push("instr(lower(release), lower(@query)) > 0"); params.query = q.query; }
  // Keyset paging on the order itself: the page after the last row seen, whatever arrived since.
  const after = q.cursor !== undefined ? decodeCursor(q.cursor) : null;
  if (after) Object.assign(params, { afterSeen: after.lastSeen, afterProject: after.projectId, afterRelease: after.release });
  return db.prepare(`SELECT project_id, release, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen,
      json_group_array(environment) AS environments
    FROM release_environments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY project_id, release
    ${after ? 'HAVING MAX(last_seen) < @afterSeen OR (MAX(last_seen) = @afterSeen AND (project_id, release) > (@afterProject, @afterRelease))' : ''}
    ORDER BY last_seen DESC, project_id, release LIMIT @limit`).all(params) as SeenRow[];
}

function summaries(db: DB, rows: SeenRow[], environment: string | undefined, project?: number, version?: string): ReleaseSummary[] {
  if (rows.length === 0) return [];
  // Counters kept as sessions arrive (migration 037): every release in scope in one read, whatever the page holds.
  const health = sessionHealth(db, { project, release: version, environment });
  const issues = issueCounts(db, rows, environment);
  return rows.map((r) => {
    const k = healthKey(r.project_id, r.release);
    return {
      projectId: r.project_id, version: r.release, firstSeen: r.first_seen, lastSeen: r.last_seen,
      environments: (JSON.parse(r.environments) as string[]).filter(Boolean).sort(),
      ...(issues.get(k) ?? { events: 0, newIssues: 0, regressions: 0 }), ...(health.get(k) ?? noSessions()),
    };
  });
}

/**
 * Sentry's releases list: per project and release, when it was first and last seen (its events and
 * sessions), its error events, new issues and regressions, and its health. Last seen first, a page
 * at a time (`nextCursor` reads the next); `query` finds versions containing it, `environment`
 * keeps what was seen there and counts its events there.
 * @see https://docs.sentry.io/product/releases/
 */
export function listReleases(db: DB, q: ReleaseQuery): ReleaseList {
  const limit = q.limit ?? 100;
  const rows = seenReleases(db, q, limit + 1);
  const more = rows.length > limit;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  const environments = db.prepare(`SELECT DISTINCT environment FROM release_environments
    WHERE environment <> ''${q.project !== undefined ? ' AND project_id = ?' : ''} ORDER BY environment`).pluck()
    .all(...(q.project !== undefined ? [q.project] : [])) as string[];
  return {
    releases: summaries(db, rows, q.environment, q.project), environments,
    nextCursor: more && last ? encodeCursor({ lastSeen: last.last_seen, projectId: last.project_id, release: last.release }) : null,
  };
}

const ISSUE_COLUMNS = `i.id, i.title, i.culprit, i.level, i.status, i.first_release AS firstRelease,
  i.regressed_release AS regressedInRelease, i.last_seen AS lastSeen`;

/**
 * One release's page: its figures, sessions per hour by how they ended, its new issues and
 * regressions, and the issues with events in it (most first).
 * @see https://docs.sentry.io/product/releases/release-details/
 */
export function releaseDetail(db: DB, project: number, version: string, environment?: string): ReleaseDetail | null {
  const [release] = summaries(db, seenReleases(db, { project, version, environment, limit: 1 }), environment, project, version);
  if (!release) return null;
  const seen = db.prepare(`SELECT ${ISSUE_COLUMNS}, t.count AS events FROM issue_tags t JOIN issues i ON i.id = t.issue_id
    WHERE t.key = 'release' AND t.value = ? AND i.project_id = ? ORDER BY t.count DESC, i.id DESC LIMIT ${ISSUES_MAX}`)
    .all(version, project) as ReleaseIssue[];
  const eventsIn = db.prepare("SELECT count FROM issue_tags WHERE issue_id = ? AND key = 'release' AND value = ?").pluck();
  const withEvents = (issues: Omit<ReleaseIssue, 'events'>[]) =>
    issues.map((i) => ({ ...i, events: (eventsIn.get(i.id, version) as number | undefined) ?? 0 }));
  const newIssues = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues i WHERE i.first_release = ? AND i.project_id = ?
    ORDER BY i.last_seen DESC LIMIT ${ISSUES_MAX}`).all(version, project) as Omit<ReleaseIssue, 'events'>[];
  const regressions = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM (${REGRESSED_IDS}) r JOIN issues i ON i.id = r.id
    WHERE i.project_id = @project ORDER BY i.last_seen DESC LIMIT ${ISSUES_MAX}`).all({ release: version, project }) as Omit<ReleaseIssue, 'events'>[];
  return {
    release, hours: sessionHours(db, project, version, environment, CHART_HOURS),
    newIssues: withEvents(newIssues), regressions: withEvents(regressions), issues: seen,
  };
}
