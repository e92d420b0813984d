import type { DB } from './db';

/** Pages `incremental_vacuum` returns per writer job: 2,048 × 4 KiB = 8 MiB, a few ms of moving pages. */
const VACUUM_STEP_PAGES = 2_048;

export type AutoVacuumMode = 'none' | 'full' | 'incremental';

/** The store's `auto_vacuum` mode: new stores are `incremental` (db.ts); older ones `none` until compacted. */
export function autoVacuumMode(db: DB): AutoVacuumMode {
  const mode = db.pragma('auto_vacuum', { simple: true }) as number;
  return mode === 2 ? 'incremental' : mode === 1 ? 'full' : 'none';
}

/**
 * Gives the pages pruning freed back to the file system, in steps of `VACUUM_STEP_PAGES` (each a
 * writer job, so ingest commits go on between them): without it the file keeps its largest size
 * and only its free list grows. Only an `incremental` store can; a `none` one needs a VACUUM
 * ("Compact now", retention-compact.ts). Returns the bytes freed.
 * @see https://www.sqlite.org/pragma.html#pragma_incremental_vacuum
 */
export async function returnFreePages(db: DB, submit: <T>(run: () => T) => Promise<T>): Promise<number> {
  if (autoVacuumMode(db) !== 'incremental') return 0;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  let freed = 0;
  for (;;) {
    const pages = await submit(() => {
      const before = db.pragma('freelist_count', { simple: true }) as number;
      if (before === 0) return 0;
      db.pragma(`incremental_vacuum(${VACUUM_STEP_PAGES})`);
      return before - (db.pragma('freelist_count', { simple: true }) as number);
    }).catch(() => 0);
    if (pages <= 0) return freed;
    freed += pages * pageSize;
  }
}

/**
 * Copies the whole WAL into the database and cuts the WAL file to nothing, so a large prune
 * shows on disk at once (the WAL otherwise keeps up to `journal_size_limit`, 64 MiB). Waits at
 * most `waitMs` for a reader on an old snapshot (the checkpointer's), else gives up (busy).
 * Runs between the writer's transactions (they are synchronous on this thread).
 * @see https://www.sqlite.org/pragma.html#pragma_wal_checkpoint
 */
export function checkpointAndTruncate(db: DB, waitMs = 0): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return row?.busy === 0;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
