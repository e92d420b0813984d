import type { DB } from './db';

const tails = new WeakMap<DB, Promise<unknown>>();

/**
 * Runs `op` after every earlier one on this store has finished. A merge or an unmerge is several
 * writer jobs so that ingest goes on between them; a delete between two of them split what they
 * moved (a review: deleted events living on in the parent, counts off by a chunk).
 */
export function oneIssueOpAtATime<T>(db: DB, op: () => Promise<T>): Promise<T> {
  const previous = tails.get(db) ?? Promise.resolve();
  const run = previous.then(op, op);
  tails.set(db, run.catch(() => undefined));
  return run;
}
