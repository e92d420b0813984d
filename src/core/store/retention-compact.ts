import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DB } from './db';
import type { CompactionState } from '../../shared/api-storage';
import { checkpointAndTruncate } from './retention-vacuum';

// CommonJS, run with `eval`: its own connection rebuilds the file. VACUUM holds the write lock for
// its whole run, so the main connection's writes must not start meanwhile (see `Compactor.run`).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
try {
  db.pragma('busy_timeout = 30000');
  // Sorts and the rebuilt copy go to temporary files, not memory.
  db.pragma('temp_store = FILE');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  parentPort.postMessage({ ok: true });
} catch (err) {
  parentPort.postMessage({ error: String(err && err.message || err) });
} finally {
  db.close();
}
`;

/** The database file and its WAL as the file system has them. */
export function fileBytes(db: DB): { dbBytes: number; walBytes: number } {
  const size = (path: string) => { try { return statSync(path).size; } catch { return 0; } };
  return { dbBytes: size(db.name), walBytes: size(`${db.name}-wal`) };
}

/** Something that can keep the writer's jobs waiting while `work` runs (held-writer.ts). */
export interface WriteHold { hold<T>(work: () => Promise<T>): Promise<T> }

/**
 * "Compact now": a VACUUM on a worker thread that rewrites the file without its free pages and
 * turns on incremental auto-vacuum, so from then on retention gives freed pages back after each
 * prune (retention-vacuum.ts). A VACUUM is a write transaction over the whole file: in WAL mode
 * readers go on (the list and pages stay usable) but no other write can commit until it ends.
 * Ingest is therefore paused, not refused: the writer holds every job (requests wait for their
 * 200 and are stored once it ends, nothing is acknowledged unstored).
 * @see https://www.sqlite.org/lang_vacuum.html
 * @see https://www.sqlite.org/pragma.html#pragma_auto_vacuum
 */
export class Compactor {
  private startedAt: number | null = null;
  private last: CompactionState['last'] = null;

  constructor(private readonly db: DB, private readonly writer: WriteHold, private readonly nativeBinding?: string) {}

  state(): CompactionState {
    return { running: this.startedAt !== null, startedAt: this.startedAt, last: this.last };
  }

  /** Starts a compaction; false when one is under way. Resolves `done` when it ends. */
  start(): { started: boolean; done: Promise<void> } {
    if (this.startedAt !== null) return { started: false, done: Promise.resolve() };
    this.startedAt = Date.now();
    return { started: true, done: this.run() };
  }

  private async run(): Promise<void> {
    const started = this.startedAt ?? Date.now();
    const before = fileBytes(this.db);
    let error: string | undefined;
    try {
      await this.writer.hold(async () => {
        await this.vacuumInWorker();
        // The rebuilt file went through the WAL: copied back and cut here while writes still wait
        // (the worker's own truncate gives up while this connection's checkpointer reads).
        checkpointAndTruncate(this.db, 2000);
      });
    } catch (err) {
      error = (err as Error).message;
    }
    // The rebuilt database's size: its file reaches it once the WAL is copied back (at once, or by the checkpointer soon after).
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const bytesAfter = pages * (this.db.pragma('page_size', { simple: true }) as number);
    this.last = { at: Date.now(), tookMs: Date.now() - started, bytesBefore: before.dbBytes, bytesAfter, ...(error ? { error } : {}) };
    this.startedAt = null;
  }

  private vacuumInWorker(): Promise<void> {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.db.name, nativeBinding: this.nativeBinding } });
      // Settled once the worker is gone, so its connection (and its locks) are closed by then.
      let outcome: { ok?: boolean; error?: string } = { error: 'the compaction worker stopped' };
      worker.once('message', (m: { ok?: boolean; error?: string }) => { outcome = m; });
      worker.once('error', (err) => { outcome = { error: err.message }; });
      worker.once('exit', () => (outcome.ok ? resolve() : reject(new Error(outcome.error ?? 'compaction failed'))));
    });
  }
}
