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

export function issueResolutionReader(db: DB): (row: ResolvedRow) => IssueResolution {
  const resolvedAt = db.prepare(`SELECT MAX(at) FROM issue_activity WHERE issue_id = ? AND kind = 'resolved_next_release'`).pluck();
  // Each release of the project once, with when it was first seen (any environment).
  const releases = db.prepare(`SELECT release, MIN(first_seen) AS firstSeen FROM release_environments
    WHERE project_id = ? GROUP BY release`);
  return (row) => {
    if (row.status !== 'resolved_next_release') return { resolvedInRelease: null, resolvedAfterRelease: null };
    const after = row.resolved_release;
    const since = resolvedAt.get(row.id) as number | null;
    let next: { release: string; firstSeen: number } | null = null;
    for (const r of releases.all(row.project_id) as { release: string; firstSeen: number }[]) {
      // A release seen before the resolution was made is not "the next" one, whatever its name.
      if (since === null || r.firstSeen <= since || r.release === after) continue;
      if (!isLaterRelease(r.release, after, () => false)) continue;
      if (next === null || r.firstSeen < next.firstSeen) next = r;
    }
    return { resolvedInRelease: next?.release ?? null, resolvedAfterRelease: after };
  };
}
