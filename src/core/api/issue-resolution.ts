/**
 * Which release a "resolved in the next release" issue was resolved in, as Sentry's issue page
 * says it ("Resolved in 1.4.1"). Sentry keeps the resolution pending (`inNextRelease`) until a
 * newer release of the project appears, then makes it `in_release` of that release
 * (`clear_expired_resolutions`): newer by semantic version when both are versions of one package,
 * else by being first seen after the resolution. Lookout reads the same at request time from the
 * project's releases (`release_environments`), so nothing is written when a release appears.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/tasks/clear_expired_resolutions.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/groupresolution.py
 */
import type { IssueDetail } from '../../shared/api-types';
import type { DB } from '../store/db';
import { isLaterRelease } from '../store/release-order';

interface ResolvedRow { id: number; project_id: number; status: string; resolved_release: string | null }

export type IssueResolution = Pick<IssueDetail, 'resolvedInRelease' | 'resolvedAfterRelease'>;

interface SeenRelease { release: string; firstSeen: number }

/**
 * Each project's releases read for one request (a page of the issue list): the project's releases
 * are then read once, not once per resolved issue. Made per request, so a new release is never missed.
 */
export type ReleasesByProject = Map<number, SeenRelease[]>;

/**
 * Reads an issue's resolution: for a `resolved_next_release` issue, its activity (one indexed lookup)
 * and its project's releases (from `seen` when given); for any other status, nothing.
 */
export function issueResolutionReader(db: DB): (row: ResolvedRow, seen?: ReleasesByProject) => IssueResolution {
  const resolvedAt = db.prepare(`SELECT MAX(at) FROM issue_activity WHERE issue_id = ? AND kind = 'resolved_next_release'`).pluck();
  // Each release of the project once, with when it was first seen (any environment).
  const releases = db.prepare(`SELECT release, MIN(first_seen) AS firstSeen FROM release_environments
    WHERE project_id = ? GROUP BY release`);
  const releasesOf = (project: number, seen?: ReleasesByProject): SeenRelease[] => {
    const known = seen?.get(project);
    if (known) return known;
    const read = releases.all(project) as SeenRelease[];
    seen?.set(project, read);
    return read;
  };
  return (row, seen) => {
    if (row.status !== 'resolved_next_release') return { resolvedInRelease: null, resolvedAfterRelease: null };
    const after = row.resolved_release;
    const since = resolvedAt.get(row.id) as number | null;
    // Without the time it was resolved, no release can be told to be the next one.
    if (since === null) return { resolvedInRelease: null, resolvedAfterRelease: after };
    let next: SeenRelease | null = null;
    for (const r of releasesOf(row.project_id, seen)) {
      // A release seen before the resolution was made is not "the next" one, whatever its name.
      if (r.firstSeen <= since || r.release === after) continue;
      if (!isLaterRelease(r.release, after, () => false)) continue;
      if (next === null || r.firstSeen < next.firstSeen) next = r;
    }
    return { resolvedInRelease: next?.release ?? null, resolvedAfterRelease: after };
  };
}
