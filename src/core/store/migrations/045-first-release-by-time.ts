/**
 * An issue's first release becomes the release of its earliest-dated event, as its first seen is
 * (issue-writer.ts keeps it so from now on); it was the release of the first event to arrive, so
 * an app that sent old events late showed "first seen 29 days ago · 1.9.0" for a release three days
 * old, and `firstRelease:` and a release's "new issues" counted by arrival. Recomputed from the
 * stored events where the first sighting is still stored (retention may have pruned it:
 * then the stored value is kept). The work is in `after` (backfillFirstReleases), so an upgrade
 * says it before it starts and how long it took.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/ (firstRelease)
 */
export const sql = `
-- Rewritten by the step that follows (first-release-backfill.ts).
SELECT 1;
`;
