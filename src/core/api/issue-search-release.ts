/**
 * Sentry's `latest` release in the issue search (`release:latest`, `firstRelease:latest`): for each project in
 * scope, its newest release, the versions of all of them matching. A project whose recent releases are semantic
 * versions ranks its semver releases by version (major, minor, patch, revision, a final release above its
 * pre-releases, then the pre-release as text), any other by when the release was added; Lookout's "added" is the
 * first event or session that named it (`release_environments`, migration 031). With environments in scope only
 * the releases seen in them count, as Sentry joins its release-environment table.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/search/utils.py (get_latest_release, _run_latest_release_query)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/releases/util.py (follows_semver_versioning_scheme)
 */
import type { DB } from '../store/db';

/** The value Sentry reads as "the newest release of each project in scope". */
export const LATEST = 'latest';

/** A version as Sentry's release parser splits it: `package@1.2.3.4-rc.1+build`, the package and build optional. */
const SEMVER = /^(?:[^@]+@)?(\d{1,15})(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]*)?$/;

interface Ranked { release: string; added: number; version: number[] | null; prerelease: string }

function rankOf(release: string, added: number): Ranked {
  const m = SEMVER.exec(release);
  if (!m) return { release, added, version: null, prerelease: '' };
  return { release, added, version: [m[1], m[2], m[3], m[4]].map((n) => Number(n ?? 0)), prerelease: m[5] ?? '' };
}

/** Sentry's semver rank, newest first: the version's numbers, a final release before pre-releases, the pre-release as text, the newer row. */
function bySemverNewestFirst(a: Ranked, b: Ranked): number {
  for (let i = 0; i < 4; i++) {
    const d = (b.version?.[i] ?? 0) - (a.version?.[i] ?? 0);
    if (d !== 0) return d;
  }
  if ((a.prerelease === '') !== (b.prerelease === '')) return a.prerelease === '' ? -1 : 1;
  if (a.prerelease !== b.prerelease) return a.prerelease < b.prerelease ? 1 : -1;
  return b.added - a.added;
}

/**
 * Sentry's test of a project "following semver": of its releases newest first, the newest is a version when it
 * has one or two; one of the newest three when it has fewer than ten; else also three of the newest ten.
 */
function followsSemver(newestFirst: readonly Ranked[]): boolean {
  const semver = (r: Ranked) => r.version !== null;
  if (newestFirst.length === 0) return false;
  if (newestFirst.length <= 2) return semver(newestFirst[0]!);
  const inNewestThree = newestFirst.slice(0, 3).some(semver);
  if (newestFirst.length < 10) return inNewestThree;
  return inNewestThree && newestFirst.slice(0, 10).filter(semver).length >= 3;
}

/** What `latest` is read within: the projects (null: all) and environments (null: any) the list is filtered by. */
export interface ReleaseScope { projectIds: number[] | null; environments: string[] | null }

/** The latest release of each project in scope (sorted), or none when no release was seen there. */
export function latestReleases(db: DB, scope: ReleaseScope): string[] {
  // Each release once per project and environment: a few rows per release, read by the primary key's project prefix.
  const rows = db.prepare(`SELECT project_id AS project, release, environment, first_seen AS added FROM release_environments
    ${scope.projectIds ? 'WHERE project_id IN (SELECT value FROM json_each(?))' : ''}`)
    .all(...(scope.projectIds ? [JSON.stringify(scope.projectIds)] : [])) as { project: number; release: string; environment: string; added: number }[];
  const byProject = new Map<number, Map<string, { added: number; inScope: boolean }>>();
  const environments = scope.environments ? new Set(scope.environments) : null;
  for (const row of rows) {
    const releases = byProject.get(row.project) ?? new Map<string, { added: number; inScope: boolean }>();
    byProject.set(row.project, releases);
    const seen = releases.get(row.release);
    const inScope = !environments || environments.has(row.environment);
    releases.set(row.release, { added: Math.min(seen?.added ?? row.added, row.added), inScope: (seen?.inScope ?? false) || inScope });
  }
  const latest = new Set<string>();
  for (const releases of byProject.values()) {
    // Whether a project follows semver is read from all its releases; the newest is picked among those in scope.
    const all = [...releases].map(([release, r]) => ({ ...rankOf(release, r.added), inScope: r.inScope }))
      .sort((a, b) => b.added - a.added);
    const candidates = all.filter((r) => r.inScope);
    const pick = followsSemver(all)
      ? candidates.filter((r) => r.version !== null).sort(bySemverNewestFirst)[0]
      : candidates[0];
    if (pick) latest.add(pick.release);
  }
  return [...latest].sort();
}

/** A filter's values with `latest` read as the releases it stands for (the other values as typed). */
export function withLatest(values: readonly string[], latest: () => string[]): string[] {
  return values.flatMap((v) => (v === LATEST ? latest() : [v]));
}
