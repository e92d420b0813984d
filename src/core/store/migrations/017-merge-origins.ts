/**
 * Which issue each merged hash came from, so a merge can be undone issue by issue (Sentry's
 * "Unmerge" on an issue's merged fingerprints). Merges made before know no origin: they are
 * listed one hash at a time.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export const sql = `
ALTER TABLE issue_merges ADD COLUMN from_issue INTEGER;
`;
