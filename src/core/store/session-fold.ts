import type { DB } from './db';
import { FOLD_COLUMNS } from './migrations/037-session-health';

const HOUR_MS = 3_600_000;

/** The envelopes' single session updates, as the (project, skey, release) of their sessions. */
const AFFECTED = `SELECT DISTINCT project_id, ifnull(sid, id) AS skey, release FROM sessions
  WHERE envelope_id IN (SELECT value FROM json_each(?)) AND kind = 'session' AND release IS NOT NULL`;
const IN_KEYS = `(project_id, skey, release) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@keys))`;
const STATE_COLUMNS = 'project_id, skey, release, environment, outcome, did, started, first_hour, last_hour';

/**
 * The sessions' updates left in their window (through `sessions_received`: a session's updates
 * lie between its first and last hour), folded again at both levels (migration 037).
 */
const refoldSql = (level: 'every' | 'own') => `INSERT INTO session_states (${STATE_COLUMNS})
  SELECT project_id, ifnull(sid, id), release, ${level === 'every' ? "''" : 'environment'}, ${FOLD_COLUMNS}
  FROM sessions INDEXED BY sessions_received
  WHERE received >= @from AND received < @to AND kind = 'session' AND release IS NOT NULL${level === 'own' ? " AND environment <> ''" : ''}
    AND (project_id, ifnull(sid, id), release) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@keys))
  GROUP BY project_id, release, ifnull(sid, id)${level === 'own' ? ', environment' : ''}`;

/**
 * Before `sessions` rows of `envelopes` (a JSON list of envelope ids) are deleted: takes their
 * sessions and buckets out of release health (migration 037's triggers take back the counts) and
 * returns what folds those sessions again from the updates left, to run once the rows are gone, so
 * the figures stay those of the updates kept. Runs in the caller's transaction. A retention batch
 * (oldest first) reads a few hours of `sessions_received`; deletes spread over the store read more.
 * @see https://docs.sentry.io/product/releases/health/
 */
export function unfoldSessions(db: DB, envelopes: string): () => void {
  db.prepare(`DELETE FROM session_buckets WHERE session_id IN
    (SELECT id FROM sessions WHERE envelope_id IN (SELECT value FROM json_each(?)) AND kind = 'sessions')`).run(envelopes);
  const affected = db.prepare(AFFECTED).raw().all(envelopes) as [number, unknown, string][];
  if (affected.length === 0) return () => {};
  const keys = JSON.stringify(affected);
  const span = db.prepare(`SELECT MIN(first_hour) AS first, MAX(last_hour) AS last FROM session_states WHERE environment = '' AND ${IN_KEYS}`)
    .get({ keys }) as { first: number | null; last: number | null };
  db.prepare(`DELETE FROM session_states WHERE ${IN_KEYS}`).run({ keys });
  return () => {
    if (span.first === null || span.last === null) return;
    const window = { keys, from: span.first, to: span.last + HOUR_MS };
    db.prepare(refoldSql('every')).run(window);
    db.prepare(refoldSql('own')).run(window);
  };
}
