import { createHash } from 'node:crypto';
import { OCCURRENCE_KIND, occurrenceEventId } from '../pipeline/occurrence';
import type { DB } from './db';

/** Columns an occurrence row copies from its transaction's row. */
const COPIED = `project_id, envelope_id, item_index, issue_id, timestamp, received, level, platform, release, environment, title, culprit,
  user_key, trace_id, replay_id, sdk, grouping_config, hashes, truncated`;

/**
 * Migration 024: each transaction stored in a performance issue (its first problem's) leaves it,
 * and an `occurrence` row takes its place there, with the latest event pointing at it.
 * Runs once, in the migration's transaction; as many rows as performance issues counted events.
 * @see ./migrations/024-performance-occurrences.ts
 */
export function splitPerformanceTransactions(db: DB): void {
  // Deterministic, so the id is the one ingest and regroup give the same problem.
  db.function('lookout_occurrence_id', { deterministic: true }, (eventId: unknown, hashes: unknown) =>
    occurrenceEventId(String(eventId), firstHash(hashes)));
  const legacy = "kind = 'transaction' AND issue_id IS NOT NULL";
  db.prepare(`UPDATE issues SET latest_event_id = (SELECT lookout_occurrence_id(e.event_id, e.hashes) FROM events e
      WHERE e.project_id = issues.project_id AND e.event_id = issues.latest_event_id AND e.${legacy})
    WHERE EXISTS (SELECT 1 FROM events e WHERE e.project_id = issues.project_id AND e.event_id = issues.latest_event_id AND e.${legacy})`).run();
  db.prepare(`INSERT INTO events (event_id, kind, ${COPIED})
    SELECT lookout_occurrence_id(event_id, hashes), '${OCCURRENCE_KIND}', ${COPIED} FROM events WHERE ${legacy} ORDER BY id`).run();
  db.prepare(`UPDATE events SET issue_id = NULL, grouping_config = NULL, hashes = NULL WHERE ${legacy}`).run();
  // The Stream links a transaction to its own page now, not to an issue it is no longer in.
  db.prepare("UPDATE items SET issue_id = NULL WHERE kind = 'transaction' AND issue_id IS NOT NULL").run();
}

function firstHash(hashes: unknown): string {
  try {
    const list = JSON.parse(String(hashes)) as unknown;
    if (Array.isArray(list) && typeof list[0] === 'string') return list[0];
  } catch { /* not a list: hashed as stored */ }
  return createHash('sha1').update(String(hashes)).digest('hex');
}
