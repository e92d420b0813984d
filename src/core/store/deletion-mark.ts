import type { DB } from './db';
import { highestId } from './rowid-floor';

/**
 * Where in the live stream the latest user deletion (Delete issue, Delete all data) happened: the
 * highest item seq at that moment and how many deletions there have been. Its message goes out
 * with the SSE id `seq.count`, so a client reconnecting with an older id can be told it missed a
 * deletion — the store's rows no longer say what was deleted.
 */
export interface DeletionMark { seq: number; count: number }

const COUNT = 'deletions';
const AT = 'deleted_at_seq';

/** Records a deletion made in this transaction (after its rows are gone). */
export function markDeletion(db: DB): void {
  const upsert = db.prepare(`INSERT INTO store_counts (name, n) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET n = excluded.n`);
  upsert.run(COUNT, deletionMark(db).count + 1);
  upsert.run(AT, highestId(db, 'items')());
}

export function deletionMark(db: DB): DeletionMark {
  const rows = db.prepare(`SELECT name, n FROM store_counts WHERE name IN ('${COUNT}', '${AT}')`).all() as { name: string; n: number }[];
  const of = (name: string) => rows.find((r) => r.name === name)?.n ?? 0;
  return { seq: of(AT), count: of(COUNT) };
}

/** The SSE id of the deletion's message. */
export const deletionEventId = (mark: DeletionMark): string => `${mark.seq}.${mark.count}`;

/**
 * Whether a client whose last SSE id was `lastEventId` (an item's `seq`, or a deletion's
 * `seq.count`) was away when the latest deletion was announced.
 */
export function missedDeletion(mark: DeletionMark, lastEventId: string): boolean {
  if (mark.count === 0) return false;
  const [seqText = '', countText = '0'] = lastEventId.split('.');
  const seq = Number(seqText);
  const count = Number(countText);
  if (seqText === '' || !Number.isFinite(seq)) return false;
  return seq < mark.seq || (seq === mark.seq && !(count >= mark.count));
}

/**
 * The stream's position now, as the id of a message that is not an item's: the newest item's
 * seq, or the latest deletion's `seq.count` when nothing came after it. A client holding it has
 * heard of every deletion so far (a plain seq below a deletion's would look like one that missed it).
 */
export function streamPosition(db: DB, highestItem: () => number = highestId(db, 'items')): string | number {
  const mark = deletionMark(db);
  const top = highestItem();
  return mark.count > 0 && mark.seq >= top ? deletionEventId(mark) : top;
}
