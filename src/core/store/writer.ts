import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import type { DB } from './db';
import { WalCheckpointer } from './wal-checkpointer';
import { invalidateCaches } from './cache-versions';

interface Job<T> {
  run: () => T;
  leavesPending: boolean;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

type Synced = (err: Error | null) => void;

/** Writes that jobs may leave pending until their transaction commits (see issueWriter's `deferred`). */
export interface PendingWrites {
  /** Writes them (inside the transaction). */
  flush(): void;
  /** Forgets them: the transaction rolled back. */
  discard(): void;
}

/**
 * Commit durability off the main thread. With `synchronous = NORMAL` a WAL commit is written but
 * not fsynced; one fsync of the WAL file in the thread pool then covers every commit written
 * before it started, and only then are those commits acknowledged. The guarantee stays that of
 * `synchronous = FULL` (the WAL is on disk before the 200), but parsing and grouping go on while
 * the disk syncs, which on a slow disk is most of a commit. SQLite still syncs around checkpoints.
 * @see https://www.sqlite.org/pragma.html#pragma_synchronous
 */
class WalSync {
  private waiting: Synced[] = [];
  private running = false;
  private closed = false;

  /** Called each time the fsync thread goes idle. */
  onIdle: () => void = () => undefined;

  private constructor(private readonly db: DB, private readonly fd: number) {}

  /** True while an fsync is running: a commit made now could only be synced after it. */
  get busy(): boolean { return this.running; }

  /** Null (keep SQLite's own fsync) unless the store is a WAL file this process can open. */
  static open(db: DB): WalSync | null {
    if (db.memory || db.readonly || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
    let fd: number;
    try { fd = openSync(`${db.name}-wal`, 'r+'); } catch { return null; }
    db.pragma('synchronous = NORMAL');
    return new WalSync(db, fd);
  }

  /** Calls `done` once everything committed so far is on disk. */
  after(done: Synced): void {
    this.waiting.push(done);
    if (!this.running) this.start();
  }

  private start(): void {
    const group = this.waiting;
    this.waiting = [];
    this.running = true;
    fsync(this.fd, (err) => {
      this.running = false;
      if (err) this.fallBack();
      for (const done of group) done(err);
      if (this.closed) closeSync(this.fd);
      else if (this.waiting.length > 0) this.start();
      else this.onIdle();
    });
  }

  /** After a failed fsync, SQLite syncs every commit itself again. */
  private fallBack(): void {
    try { this.db.pragma('synchronous = FULL'); } catch { /* closing */ }
  }

  /** Syncs what is pending now; the descriptor is closed once no fsync is running. */
  close(): void {
    let error: Error | null = null;
    try { fsyncSync(this.fd); } catch (err) { error = err as Error; }
    const group = this.waiting;
    this.waiting = [];
    for (const done of group) done(error);
    this.closed = true;
    if (!this.running) closeSync(this.fd);
  }
}

/**
 * Group commit: every write submitted while a transaction is pending joins it, so one fsync
 * covers many requests. A promise resolves only after its transaction has committed and is on
 * disk — the HTTP 200 waits for it. If the batch fails, each job is retried alone so one bad
 * envelope (or a full disk) fails only its own request.
 */
export class GroupWriter {
  private queue: Job<unknown>[] = [];
  private scheduled = false;
  private closed = false;
  private readonly wal: WalSync | null;
  private readonly checkpointer: WalCheckpointer | null;

  private readonly pendingWrites: PendingWrites | null;
  // Made once: better-sqlite3 builds four wrapper functions per `transaction()` call, which per
  // commit was 7 % of what the main thread allocated at 500 requests/s.
  private readonly runBatch: (batch: Job<unknown>[]) => unknown[];
  private readonly runAlone: (job: Job<unknown>) => unknown;

  /** `restartFrames`: see wal-checkpointer.ts (tests make it small). */
  constructor(private readonly db: DB, private readonly maxBatch = 256,
    opts: { nativeBinding?: string; restartFrames?: number; pending?: PendingWrites } = {}) {
    this.pendingWrites = opts.pending ?? null;
    this.runBatch = db.transaction((batch: Job<unknown>[]) => {
      const results: unknown[] = [];
      for (const job of batch) {
        if (!job.leavesPending) this.pendingWrites?.flush();
        results.push(job.run());
      }
      this.pendingWrites?.flush();
      return results;
    });
    this.runAlone = db.transaction((job: Job<unknown>) => {
      const value = job.run();
      this.pendingWrites?.flush();
      return value;
    });
    this.wal = WalSync.open(db);
    if (this.wal) this.wal.onIdle = () => { if (this.queue.length > 0 && !this.scheduled) this.schedule(); };
    this.checkpointer = this.wal ? new WalCheckpointer(db, opts.nativeBinding, opts.restartFrames) : null;
  }

  /**
   * `leavesPending`: the job may leave writes to `opts.pending`, flushed before the commit. Any
   * other job sees them written first, so it reads the store as if each job had written at once.
   */
  submit<T>(run: () => T, opts: { leavesPending?: boolean } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve, reject, leavesPending: opts.leavesPending === true } as Job<unknown>);
      if (!this.scheduled) this.schedule();
    });
  }

  private schedule(): void {
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Group commit proper: while the WAL is being synced, a commit now would be acknowledged
      // no sooner than one made when the sync ends, so writes gather into that later, larger
      // transaction — under load most of a commit's cost is pages written, not rows.
      if (this.wal?.busy) return;
      this.flush();
    });
  }

  /** Number of writes waiting for the next commit. */
  get pending(): number { return this.queue.length; }

  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.commitBatch(batch);
    }
    this.checkpointer?.keepUp();
  }

  private commitBatch(batch: Job<unknown>[]): void {
    let results: unknown[];
    try {
      results = this.runBatch(batch);
    } catch {
      this.pendingWrites?.discard();
      invalidateCaches(this.db);
      if (batch.length === 1) return this.commitAlone(batch[0]!);
      for (const job of batch) this.commitAlone(job);
      return;
    }
    this.whenDurable(() => batch.forEach((job, i) => job.resolve(results[i])), (err) => batch.forEach((job) => job.reject(err)));
  }

  private commitAlone(job: Job<unknown>): void {
    let result: unknown;
    try {
      result = this.runAlone(job);
    } catch (err) {
      this.pendingWrites?.discard();
      invalidateCaches(this.db);
      job.reject(err);
      return;
    }
    this.whenDurable(() => job.resolve(result), (err) => job.reject(err));
  }

  private whenDurable(ok: () => void, failed: (err: Error) => void): void {
    if (!this.wal) { ok(); return; }
    this.wal.after((err) => (err ? failed(err) : ok()));
  }

  /** Commits what is queued and syncs it, then refuses new writes. */
  close(): void {
    this.flush();
    this.closed = true;
    this.wal?.close();
    this.checkpointer?.close();
  }
}
