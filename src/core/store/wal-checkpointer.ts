import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DB } from './db';
import { LOWER_OWN_PRIORITY } from './background-priority';

/**
 * How often the checkpointer copies the WAL into the database, in ms. Small, frequent checkpoints
 * stall a concurrent WAL fsync less than large ones: at 500 events/s, p99 acknowledgement measured
 * 9–11 ms at 50 ms against 8–15 ms at 200 ms and 33–144 ms at 1 s.
 */
const INTERVAL_MS = 50;
/**
 * WAL length (frames) past which the writer checkpoints itself once between commits. SQLite
 * starts the WAL over only when a write begins with every frame already checkpointed; under
 * sustained load a commit always lands during the worker's checkpoint, so the WAL only grew
 * (1 GB after 1,000,000 events). The writer's own pass copies just the frames since the worker's
 * last one, and its next commit starts the WAL again from the top (journal_size_limit trims it).
 */
export const RESTART_FRAMES = 8_192;

// CommonJS, run with `eval`: opens its own connection and checkpoints on a timer. `state[0]`
// becomes 1 once that connection is closed, so the main thread can wait for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
${LOWER_OWN_PRIORITY}
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]); } catch (err) { parentPort.postMessage({ error: String(err) }); }
}, workerData.interval);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.close(); } finally { Atomics.store(state, 0, 1); Atomics.notify(state, 0); parentPort.close(); }
});
parentPort.postMessage({ ready: true });
`;

/**
 * Checkpoints the WAL from a worker thread with its own connection, so copying pages into the
 * database and its fsyncs no longer stall the writer (they did for 15–1000 ms every ~16 MiB of
 * WAL). Until the worker is up, and if it cannot start (e.g. no loadable driver), SQLite's
 * automatic checkpoint on the writer stays on.
 * @see https://www.sqlite.org/wal.html#checkpointing
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private readonly state = new SharedArrayBuffer(4);
  private walFrames = 0;

  constructor(private readonly db: DB, nativeBinding?: string, private readonly restartFrames = RESTART_FRAMES) {
    let driver: string;
    try { driver = createRequire(import.meta.url).resolve('better-sqlite3'); } catch { return; }
    try {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true, workerData: { driver, file: db.name, nativeBinding, state: this.state, interval: INTERVAL_MS },
      });
    } catch { return; }
    this.worker.on('message', (m: { ready?: boolean; log?: number }) => {
      if (!this.worker || !db.open) return;
      if (m.ready) db.pragma('wal_autocheckpoint = 0');
      else if (typeof m.log === 'number') this.walFrames = m.log;
    });
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
    // After the listeners: adding a 'message' listener refs the port again.
    this.worker.unref();
  }

  /**
   * Called by the writer between commits: checkpoints in place once the WAL grew long, which also
   * covers a worker that falls behind (the frames it has not copied are part of that length).
   */
  keepUp(): void {
    if (this.walFrames <= this.restartFrames) return;
    this.walFrames = 0;
    try { this.db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the worker is at it */ }
  }

  private fallBack(): void {
    if (!this.worker) return;
    this.worker = null;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }

  /** Closes the worker's connection (waiting up to 2 s), so the writer's close is the last one. */
  close(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.postMessage('close');
    Atomics.wait(new Int32Array(this.state), 0, 0, 2000);
    void worker.terminate();
  }
}
