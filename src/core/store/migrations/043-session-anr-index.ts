/**
 * Sentry's ANR rate of a mobile release: the share of its users whose session ended abnormally with
 * an `abnormal_mechanism` of `anr_foreground` or `anr_background` (sentry-java's ANR integration, the
 * Electron SDK's), and the foreground ANR rate of `anr_foreground` alone. The update's payload keeps the
 * mechanism; this partial index holds only such updates (an ANR is rare: other rows add nothing to
 * it, and the insert tests one column), so a release's ANR users are read from a few rows
 * (`api/release-health.ts`).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/search/events/datasets/function_aliases.py (anr_users, foreground_anr_users)
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs (AbnormalMechanism)
 */

/** The condition a query repeats word for word, so SQLite reads the partial index. */
export const ANR_UPDATE = "status = 'abnormal' AND json_extract(payload, '$.abnormal_mechanism') IN ('anr_foreground', 'anr_background')";

export const sql = `
CREATE INDEX sessions_anr ON sessions(project_id, release, environment) WHERE ${ANR_UPDATE};
`;
