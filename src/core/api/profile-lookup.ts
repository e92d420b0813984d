/**
 * Finds stored profile items through migration 020's indexes, never by reading payloads:
 * - a transaction's v1 profile: sent in its envelope, or anywhere naming it (`transaction.id`,
 *   `transactions[].id`, Android's `transaction_id`), or named by it (`contexts.profile.profile_id`
 *   is the profile's `event_id`), as Sentry links the two;
 * - a profiler's v2 chunks whose samples overlap a time window, as Sentry's continuous-profile
 *   view asks for a profiler id and a transaction's or span's start and end. A chunk whose times
 *   could not be read falls back to when it arrived.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 * @see https://github.com/getsentry/relay/blob/master/relay-profiling/src/lib.rs (`event_id`, alias `profile_id`)
 */
import type { DB } from '../store/db';

export interface ProfileItemRow { seq: number; kind: string; envelope_id: number; item_index: number }

/** Chunks read for one window; a profiler sends one a minute, so 64 cover an hour. */
export const MAX_WINDOW_CHUNKS = 64;
/** Chunks that began before a window and may still run into it (a profiler's chunks follow one another). */
const CHUNKS_BEFORE = 4;
/** A chunk without readable times is placed by its arrival: sent after its samples, within its 60 s. */
const UNTIMED_BEFORE_MS = 60_000;
const UNTIMED_AFTER_MS = 5 * 60_000;

// CROSS JOIN keeps `other_items` the outer loop: its partial index is the selective one.
const ITEM_OF = 'CROSS JOIN items i ON i.envelope_id = o.envelope_id AND i.item_index = o.item_index';
const COLUMNS = 'i.seq, i.kind, i.envelope_id, i.item_index';

/** A transaction's profiles in its own envelope (unless the profile names another transaction). */
export const PROFILE_IN_ENVELOPE_SQL = `SELECT ${COLUMNS} FROM items i LEFT JOIN other_items o ON o.envelope_id = i.envelope_id
  AND o.item_index = i.item_index WHERE i.envelope_id = ? AND i.kind = 'profile' AND (o.transaction_id IS NULL OR o.transaction_id = ?) ORDER BY i.seq`;
export const PROFILE_BY_TRANSACTION_SQL = `SELECT ${COLUMNS} FROM other_items o ${ITEM_OF} WHERE o.transaction_id = ? AND i.kind = 'profile' ORDER BY i.seq LIMIT 8`;
export const PROFILE_BY_ID_SQL = `SELECT ${COLUMNS} FROM other_items o ${ITEM_OF} WHERE o.profile_id = ? AND i.kind = 'profile' ORDER BY i.seq LIMIT 8`;
export const CHUNKS_STARTING_IN_SQL = `SELECT ${COLUMNS}, o.end_ms FROM other_items o ${ITEM_OF}
  WHERE o.profiler_id = ? AND o.start_ms BETWEEN ? AND ? AND i.kind = 'profile_chunk' ORDER BY o.start_ms LIMIT ${MAX_WINDOW_CHUNKS + 1}`;
export const CHUNKS_STARTING_BEFORE_SQL = `SELECT ${COLUMNS}, o.end_ms FROM other_items o ${ITEM_OF}
  WHERE o.profiler_id = ? AND o.start_ms < ? AND i.kind = 'profile_chunk' ORDER BY o.start_ms DESC LIMIT ${CHUNKS_BEFORE}`;
export const CHUNKS_UNTIMED_SQL = `SELECT ${COLUMNS} FROM other_items o ${ITEM_OF}
  WHERE o.profiler_id = ? AND o.start_ms IS NULL AND o.received BETWEEN ? AND ? AND i.kind = 'profile_chunk' ORDER BY o.id LIMIT ${MAX_WINDOW_CHUNKS + 1}`;

/** A transaction as the lookups need it: its id, envelope and the profile id it names, if any. */
export interface TransactionRef { eventId: string; envelopeId: number; profileId: string | null }

/** The chunks found for a window: at most {@link MAX_WINDOW_CHUNKS}, and whether more were there. */
export interface WindowChunks { rows: ProfileItemRow[]; capped: boolean }

export function profileLookup(db: DB) {
  const inEnvelope = db.prepare(PROFILE_IN_ENVELOPE_SQL);
  const byTransaction = db.prepare(PROFILE_BY_TRANSACTION_SQL);
  const byId = db.prepare(PROFILE_BY_ID_SQL);
  const startingIn = db.prepare(CHUNKS_STARTING_IN_SQL);
  const startingBefore = db.prepare(CHUNKS_STARTING_BEFORE_SQL);
  const untimed = db.prepare(CHUNKS_UNTIMED_SQL);

  /** The transaction's v1 profiles wherever they were sent, oldest first, each once. */
  function transactionProfiles(tx: TransactionRef): ProfileItemRow[] {
    const rows = [
      ...inEnvelope.all(tx.envelopeId, tx.eventId), ...byTransaction.all(tx.eventId),
      ...(tx.profileId ? byId.all(tx.profileId) : []),
    ] as ProfileItemRow[];
    const seen = new Set<number>();
    return rows.filter((r) => !seen.has(r.seq) && seen.add(r.seq)).sort((a, b) => a.seq - b.seq);
  }

  /** The profilers' chunks whose samples overlap [startMs, endMs] (epoch ms), in time order. */
  function windowChunks(profilerIds: Iterable<string>, window: { startMs: number; endMs: number }): WindowChunks {
    const found: ProfileItemRow[] = [];
    let capped = false;
    for (const profiler of profilerIds) {
      type Timed = ProfileItemRow & { end_ms: number | null };
      const before = (startingBefore.all(profiler, window.startMs) as Timed[]).filter((r) => r.end_ms !== null && r.end_ms >= window.startMs).reverse();
      const inside = startingIn.all(profiler, window.startMs, window.endMs) as Timed[];
      const late = untimed.all(profiler, window.startMs - UNTIMED_BEFORE_MS, window.endMs + UNTIMED_AFTER_MS) as ProfileItemRow[];
      const rows = [...before, ...inside, ...late];
      capped ||= inside.length > MAX_WINDOW_CHUNKS || late.length > MAX_WINDOW_CHUNKS;
      found.push(...rows.map(({ seq, kind, envelope_id, item_index }) => ({ seq, kind, envelope_id, item_index })));
    }
    capped ||= found.length > MAX_WINDOW_CHUNKS;
    return { rows: found.slice(0, MAX_WINDOW_CHUNKS), capped };
  }

  return { transactionProfiles, windowChunks };
}
