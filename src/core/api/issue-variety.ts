/**
 * Whether an issue mixes errors, read from its stored events: the titles they carry, and which of
 * one event's hashes joined it to the issue. Sentry files an event under the issue of the first of
 * its hashes already known, and every other hash of the event joins that issue too, so two errors
 * that share only a `system` hash (a one-frame Go `main()`) become one issue. Both are bounded: the
 * newest 2,000 events for titles (reading 10,000 took 23 ms for an issue of 11,000 events), and the
 * 2,000 events before this one for hashes, newest first by time: the issue index's own order, so no
 * sort reads every event of the issue (that took 11–16 ms per event page at 5,000–11,000 events).
 * @see https://develop.sentry.dev/backend/grouping/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/event_manager.py (_save_aggregate)
 */
import type { GroupingMatch, IssueTitles } from '../../shared/api-issue-variety';
import type { DB } from '../store/db';

const TITLES_LOOKED_AT = 2_000;
const TOP_TITLES = 20;
const EARLIER_LOOKED_AT = 2_000;

/** The titles of an issue's events; undefined when they are all one (nothing to say). */
export function issueTitlesQuery(db: DB): (issueId: number) => IssueTitles | undefined {
  // COUNT(*) OVER () counts the groups before the LIMIT: the distinct titles, not just those listed.
  const stmt = db.prepare(`SELECT title, COUNT(*) AS count, COUNT(*) OVER () AS kinds
    FROM (SELECT title FROM events WHERE issue_id = ? ORDER BY timestamp DESC LIMIT ${TITLES_LOOKED_AT})
    GROUP BY title ORDER BY count DESC, title LIMIT ${TOP_TITLES}`);
  return (issueId) => {
    const rows = stmt.all(issueId) as { title: string; count: number; kinds: number }[];
    const distinct = rows[0]?.kinds ?? 0;
    return distinct > 1 ? { distinct, top: rows.map((r) => ({ title: r.title, count: r.count })) } : undefined;
  };
}

/** Which of an event's hashes joined its issue, judged against the events of the issue stored before it. */
export function groupingMatchQuery(db: DB): (event: { id: number; issueId: number | null; hashes: string[]; rawHashes: string | null }) => GroupingMatch | undefined {
  // The usual case first: an earlier event of the issue with the very same hashes (most often the
  // one just before), so every hash was seen. Only otherwise are the earlier events' hashes read
  // (2,000 rows and a parse of each took ~10 ms at 5,000 events per issue).
  const sameBefore = db.prepare(`SELECT 1 FROM (SELECT hashes FROM events WHERE issue_id = ? AND id < ?
    ORDER BY timestamp DESC, id DESC LIMIT ${EARLIER_LOOKED_AT}) WHERE hashes = ? LIMIT 1`).pluck();
  const earlier = db.prepare(`SELECT DISTINCT hashes FROM (SELECT hashes FROM events WHERE issue_id = ? AND id < ?
    AND hashes IS NOT NULL ORDER BY timestamp DESC, id DESC LIMIT ${EARLIER_LOOKED_AT})`).pluck();
  return ({ id, issueId, hashes, rawHashes }) => {
    if (issueId === null || hashes.length === 0) return undefined;
    if (rawHashes !== null && sameBefore.get(issueId, id, rawHashes) !== undefined) return { opened: false, joinedBy: hashes[0] ?? null, differs: [] };
    const rows = earlier.all(issueId, id) as string[];
    if (rows.length === 0) return { opened: true, joinedBy: null, differs: [] };
    const seen = new Set<string>();
    for (const raw of rows) {
      try {
        const list: unknown = JSON.parse(raw);
        if (Array.isArray(list)) for (const h of list) if (typeof h === 'string') seen.add(h);
      } catch { /* a damaged row says nothing */ }
    }
    return { opened: false, joinedBy: hashes.find((h) => seen.has(h)) ?? null, differs: hashes.filter((h) => !seen.has(h)) };
  };
}
