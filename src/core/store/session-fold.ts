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

/** A run of hours and the sessions whose updates all lie in it. */
interface Window { from: number; to: number; keys: unknown[] }

/**
 * The sessions' hours (their states' first to last hour at level '') merged where they meet or
 * overlap: each session's updates lie in one window, and only those hours are read again. An index
 * by `sid` would read their updates alone, but cost 7–12 µs more per update stored (measured).
 */
function windowsOf(spans: readonly [unknown, unknown, unknown, number, number][]): Window[] {
  const windows: Window[] = [];
  for (const [project, skey, release, first, last] of spans) {
    const open = windows[windows.length - 1];
    if (open && first <= open.to) {
      open.to = Math.max(open.to, last + HOUR_MS);
      open.keys.push([project, skey, release]);
    } else windows.push({ from: first, to: last + HOUR_MS, keys: [[project, skey, release]] });
  }
  return windows;
}

/**
 * Before `sessions` rows of `envelopes` (a JSON list of envelope ids) are deleted: takes their
 * sessions and buckets out of release health (migration 037's triggers take back the counts) and
 * returns what folds those sessions again from the updates left, to run once the rows are gone, so
 * the figures stay those of the updates kept. Runs in the caller's transaction. Reads only the
 * hours the affected sessions span (a session lasts minutes to hours), so the cost follows what is
 * deleted, not the store: an issue's few envelopes read a few hours wherever they lie.
 * @see https://docs.sentry.io/product/releases/health/
 */
export function unfoldSessions(db: DB, envelopes: string): () => void {
  db.prepare(`DELETE FROM session_buckets WHERE session_id IN
    (SELECT id FROM sessions WHERE envelope_id IN (SELECT value FROM json_each(?)) AND kind = 'sessions')`).run(envelopes);
  const affected = db.prepare(AFFECTED).raw().all(envelopes) as [number, unknown, string][];
  if (affected.length === 0) return () => {};
  const keys = JSON.stringify(affected);
  const spans = db.prepare(`SELECT project_id, skey, release, first_hour, last_hour FROM session_states
    WHERE environment = '' AND ${IN_KEYS} ORDER BY first_hour`).raw().all({ keys }) as [unknown, unknown, unknown, number, number][];
  db.prepare(`DELETE FROM session_states WHERE ${IN_KEYS}`).run({ keys });
  return () => {
    const every = db.prepare(refoldSql('every'));
    const own = db.prepare(refoldSql('own'));
    for (const w of windowsOf(spans)) {
      const window = { keys: JSON.stringify(w.keys), from: w.from, to: w.to };
      every.run(window);
      own.run(window);
    }
  };
}
