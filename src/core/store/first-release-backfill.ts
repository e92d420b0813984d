import type { DB } from './db';

/** Issues per statement: each reads its events through `events_issue (issue_id, timestamp)`. */
const CHUNK = 2_000;

/**
 * Migration 045's step: sets each issue's `first_release` to the release of its earliest-dated
 * stored event that names one, for issues whose first sighting (`first_seen`) is still stored,
 * in chunks of issue ids so a large store's upgrade writes no single huge statement.
 */
export function backfillFirstReleases(db: DB): void {
  const update = db.prepare(`UPDATE issues SET first_release = earliest.release
    FROM (SELECT i.id AS id, (SELECT e.release FROM events e WHERE e.issue_id = i.id AND e.release IS NOT NULL
            ORDER BY e.timestamp, e.id LIMIT 1) AS release
          FROM issues i
          WHERE i.id > @after AND i.id <= @until
            AND EXISTS (SELECT 1 FROM events e WHERE e.issue_id = i.id AND e.timestamp = i.first_seen)) AS earliest
    WHERE issues.id = earliest.id AND earliest.release IS NOT NULL AND issues.first_release IS NOT earliest.release`);
  const highest = (db.prepare('SELECT MAX(id) FROM issues').pluck().get() as number | null) ?? 0;
  for (let after = 0; after < highest; after += CHUNK) update.run({ after, until: after + CHUNK });
}
