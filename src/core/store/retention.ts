import type { DB } from './db';
import { deleteEnvelopes } from './envelope-delete';
import { sweepUserFields } from './user-field-sweep';

export interface RetentionLimits { maxEvents: number; maxAgeDays: number; maxBytes: number }

const HOUR_MS = 3_600_000;

/**
 * Deletes about `batch` hourly rows of `outcome_counts` (migration 029) whose whole hour ended
 * before `cutoff`, whole hours at a time: Stats are kept as long as the events they count
 * (`maxAgeDays`), so a 30-day window never sums what the store no longer holds, and the table
 * stops growing by a row per hour, category and reason. Its primary key starts with the hour, so
 * finding the batch's last hour and deleting up to it are range seeks.
 * @see https://docs.sentry.io/product/stats/
 */
export function pruneOutcomeCounts(db: DB, cutoff: number, batch = 500): number {
  const lastExpired = cutoff - HOUR_MS;
  // The hour of the first row past the batch: hours before it go now (all expired ones when none is).
  const edge = db.prepare('SELECT hour FROM outcome_counts WHERE hour <= ? ORDER BY hour LIMIT 1 OFFSET ?').pluck()
    .get(lastExpired, batch) as number | undefined;
  const remove = db.prepare('DELETE FROM outcome_counts WHERE hour <= ?');
  if (edge === undefined) return remove.run(lastExpired).changes;
  // One hour holding more rows than a batch goes whole.
  return db.prepare('DELETE FROM outcome_counts WHERE hour < ?').run(edge).changes || remove.run(edge).changes;
}

/**
 * The id of the oldest envelope received at or after `cutoff`, or null when none was. Envelopes
 * are numbered in order of arrival, so this is a binary search over ids (~20 lookups at 1,000,000
 * envelopes): walking the table for it read every expired row, and not finding one read them all.
 */
function firstFreshEnvelope(db: DB, cutoff: number): number | null {
  const at = db.prepare('SELECT id, received FROM envelopes WHERE id >= ? ORDER BY id LIMIT 1');
  const newest = db.prepare('SELECT id, received FROM envelopes ORDER BY id DESC LIMIT 1').get() as { id: number; received: number } | undefined;
  if (!newest || newest.received < cutoff) return null;
  // Smallest id from which the next envelope is fresh; ids need not be contiguous.
  const freshFrom = (id: number) => (at.get(id) as { received: number }).received >= cutoff;
  let lo = 0;
  let hi = newest.id;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (freshFrom(mid)) hi = mid;
    else lo = mid + 1;
  }
  return (at.get(lo) as { id: number }).id;
}

/** Which limit a pruning step worked for: the first one over, in this order. */
export type RetentionReason = 'events' | 'size' | 'age';

/** What one `pruneStep` did. */
export interface PruneStepResult {
  /** Envelopes deleted. */
  envelopes: number;
  /** Error events among them (the count the "Keep at most" limit reads). */
  events: number;
  /** When the oldest of them arrived (epoch ms), or null when none went. */
  oldestReceived: number | null;
  /** User-field and Stats rows settled besides: the step did something even with no envelope. */
  other: number;
  reason: RetentionReason;
}

/** Stored bytes the size limit reads: pages in use (free pages are returned to the disk by `incremental_vacuum`). */
export function usedBytes(db: DB): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
}

/** Error events stored, kept by triggers (migration 009): counting 1,000,000 rows here stalled ingest every minute. */
export function storedEventCount(db: DB): number {
  return (db.prepare("SELECT n FROM store_counts WHERE name = 'error_events'").pluck().get() as number | undefined) ?? 0;
}

/** Whether the event count or the size is over its limit: cheap (a row and three pragmas), read after ingest commits. */
export function overCountOrSize(db: DB, limits: RetentionLimits): boolean {
  return storedEventCount(db) > limits.maxEvents || usedBytes(db) > limits.maxBytes;
}

/**
 * Deletes the oldest envelopes (and everything stored from them) while the store is over a
 * limit — never the envelope holding an issue's latest event, so every issue keeps one event
 * to show; issue totals are aggregates and stay as they were. Body dictionaries no remaining
 * envelope needs go with them. Then the `user_fields` of users no issue lists any more go too
 * (`sweepUserFields`). One bounded batch of each per call, so the caller can run it between
 * ingest commits. Hourly Stats rows older than `maxAgeDays` go too (`pruneOutcomeCounts`; the
 * count and size limits leave them, a few hundred rows a day).
 */
export function pruneStep(db: DB, limits: RetentionLimits, now = Date.now(), batch = 500): PruneStepResult {
  const events = storedEventCount(db);
  const cutoff = now - limits.maxAgeDays * 86_400_000;
  const overCount = Math.max(0, events - limits.maxEvents);
  const overSize = usedBytes(db) > limits.maxBytes;
  const force = overCount > 0 || overSize;
  const reason: RetentionReason = overCount > 0 ? 'events' : overSize ? 'size' : 'age';
  const firstFresh = force ? null : firstFreshEnvelope(db, cutoff);
  // The protected set is computed once (issues → their latest event by its unique key), not per envelope.
  const ids = db.prepare(`SELECT e.id FROM envelopes e
      WHERE ${force ? '' : 'e.id < @before AND e.received < @cutoff AND'}
        e.id NOT IN (SELECT ev.envelope_id FROM issues i JOIN events ev ON ev.project_id = i.project_id AND ev.event_id = i.latest_event_id)
      ORDER BY e.id LIMIT @limit`).pluck()
    .all({ ...(force ? {} : { cutoff, before: firstFresh ?? Number.MAX_SAFE_INTEGER }), limit: overCount > 0 ? Math.min(batch, overCount) : batch }) as number[];
  let oldestReceived: number | null = null;
  if (ids.length > 0) {
    oldestReceived = db.prepare('SELECT received FROM envelopes WHERE id = ?').pluck().get(ids[0]) as number;
    db.transaction(() => deleteEnvelopes(db, ids))();
  }
  const other = sweepUserFields(db) + pruneOutcomeCounts(db, cutoff, batch);
  return { envelopes: ids.length, events: events - storedEventCount(db), oldestReceived, other, reason };
}

/** `pruneStep`, counted: the envelopes deleted plus the user-field and Stats rows done, 0 once there is nothing left to do. */
export function pruneBatch(db: DB, limits: RetentionLimits, now = Date.now(), batch = 500): number {
  const step = pruneStep(db, limits, now, batch);
  return step.envelopes + step.other;
}
