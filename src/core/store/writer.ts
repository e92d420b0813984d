import type { DB } from './db';

interface Job<T> {
  run: () => T;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: every write submitted while a transaction is pending joins it, so one fsync
 * covers many requests. A promise resolves only after its transaction has committed — the
 * HTTP 200 waits for it. If the batch fails, each job is retried alone so one bad envelope
 * (or a full disk) fails only its own request.
 */
export class GroupWriter {
  private queue: Job<unknown>[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly db: DB, private readonly maxBatch = 256) {}

  submit<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve, reject } as Job<unknown>);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
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
  }

  private commitBatch(batch: Job<unknown>[]): void {
    const results: unknown[] = [];
    try {
      this.db.transaction(() => { for (const job of batch) results.push(job.run()); })();
    } catch {
      if (batch.length === 1) return this.commitAlone(batch[0]!);
      for (const job of batch) this.commitAlone(job);
      return;
    }
    batch.forEach((job, i) => job.resolve(results[i]));
  }

  private commitAlone(job: Job<unknown>): void {
    try {
      job.resolve(this.db.transaction(job.run)());
    } catch (err) {
      job.reject(err);
    }
  }

  /** Commits what is queued, then refuses new writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
